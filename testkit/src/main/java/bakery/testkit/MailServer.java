package bakery.testkit;

import java.util.List;

import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/** A real SMTP server (GreenMail) in this JVM that keeps every message it receives. */
public final class MailServer implements RestartableServer, AutoCloseable {

    private static MailServer shared;

    private final int port;
    private GreenMail greenMail;

    public MailServer(int port) {
        this.port = port;
    }

    public static synchronized MailServer shared() {
        if (shared == null) {
            MailServer mail = new MailServer(FreePort.next());
            mail.start();
            Runtime.getRuntime().addShutdownHook(new Thread(mail::close, "smtp-stop"));
            shared = mail;
        }
        return shared;
    }

    public int port() {
        return port;
    }

    public synchronized boolean isRunning() {
        return greenMail != null;
    }

    public synchronized void start() {
        if (greenMail == null) {
            greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            greenMail.start();
        }
    }

    /** Every message received since start, oldest first. */
    public synchronized List<MimeMessage> received() {
        return greenMail == null ? List.of() : List.of(greenMail.getReceivedMessages());
    }

    public synchronized void stop() {
        if (greenMail != null) {
            greenMail.stop();
            greenMail = null;
        }
    }

    @Override
    public void close() {
        stop();
    }
}
