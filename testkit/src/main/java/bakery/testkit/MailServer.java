package bakery.testkit;

/**
 * The test JVM's SMTP server ({@link bakery.servers.mail.MailServer}, GreenMail): one per test JVM,
 * started on first use and stopped when the JVM exits.
 */
public final class MailServer extends bakery.servers.mail.MailServer {

    private static MailServer shared;

    private MailServer(int port) {
        super(port);
    }

    public static synchronized MailServer shared() {
        if (shared == null) {
            shared = PerJvm.started(new MailServer(FreePort.next()), null);
        }
        return shared;
    }
}
