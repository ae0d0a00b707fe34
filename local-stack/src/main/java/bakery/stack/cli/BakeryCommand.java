package bakery.stack.cli;

import java.nio.file.Path;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import bakery.servers.process.SimpleLogging;
import bakery.stack.orchestration.LocalStack;
import bakery.stack.orchestration.Progress;
import bakery.stack.orchestration.StackException;
import bakery.stack.process.StackLayout;
import bakery.stack.process.StackSettings;

/** {@code ./bakery}: run the whole FADU Bakery on this machine, watch it, scale it, stop it. */
@Command(name = "bakery", mixinStandardHelpOptions = true, description = "Runs the whole FADU Bakery on this machine as separate processes.", footer = {
        "",
        "Settings: BAKERY_HOME (default .bakery), BAKERY_PORT_OFFSET, BAKERY_NODE_JAVA_OPTIONS; see docs/local-stack.md." }, subcommands = {
                UpCommand.class, StatusCommand.class, ScaleCommand.class, AutoscaleCommand.class, LogsCommand.class,
                CollectCommand.class, DrainCommand.class, UndrainCommand.class, UpgradeCommand.class, RollbackCommand.class,
                DownCommand.class,
                BenchCommand.class, CapacityCommand.class, ChaosCommand.class, TestCommand.class })
public final class BakeryCommand {

    static LocalStack stack() {
        return stack(StackSettings.fromEnvironment());
    }

    /** The stack of this checkout (or BAKERY_HOME's), read with these settings. */
    static LocalStack stack(StackSettings settings) {
        Path root = Path.of(System.getProperty("bakery.root", "."));
        StackLayout layout = StackLayout.of(root, System.getenv("BAKERY_HOME"));
        return LocalStack.of(layout, settings, new Progress(System.out));
    }

    public static void main(String[] args) {
        SimpleLogging.quietInThisJvm();
        CommandLine cli = new CommandLine(new BakeryCommand());
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            if (e instanceof StackException || e instanceof IllegalArgumentException) {
                line.getErr().println(e.getMessage());
                return 1;
            }
            throw e;
        });
        System.exit(cli.execute(args));
    }
}
