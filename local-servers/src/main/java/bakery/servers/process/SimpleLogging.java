package bakery.servers.process;

import java.util.List;

/**
 * Logging of the JVMs the stack runs itself (Kafka broker, SMTP sink): slf4j-simple to stdout,
 * which the launcher appends to the node's log file, with a timestamp so {@code logs} can merge.
 */
public final class SimpleLogging {

    public static final String TIME_FORMAT = "yyyy-MM-dd HH:mm:ss,SSS";

    private SimpleLogging() {
    }

    public static List<String> jvmOptions() {
        return List.of(
                "-Dorg.slf4j.simpleLogger.logFile=System.out",
                "-Dorg.slf4j.simpleLogger.showDateTime=true",
                "-Dorg.slf4j.simpleLogger.dateTimeFormat=" + TIME_FORMAT,
                "-Dorg.slf4j.simpleLogger.showShortLogName=true",
                // Kafka logs through log4j-api too; without log4j-core it prints only errors.
                "-Dlog4j2.loggerContextFactory=org.apache.logging.log4j.simple.SimpleLoggerContextFactory");
    }

    /** The command itself only reports what goes wrong; the libraries' INFO lines are noise there. */
    public static void quietInThisJvm() {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        System.setProperty("log4j2.loggerContextFactory", "org.apache.logging.log4j.simple.SimpleLoggerContextFactory");
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "error");
    }
}
