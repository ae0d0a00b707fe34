package bakery.servers.mail;

import java.util.List;

import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import bakery.servers.RestartableServer;

/** A real SMTP server (GreenMail) in this JVM, on the loopback, that keeps every message it receives. */
public class MailServer extends RestartableServer<GreenMail> {

    private final int port;

    public MailServer(int port) {
        this.port = port;
    }

    /** GreenMail speaking SMTP on the loopback port, not started yet. */
    static GreenMail smtpOn(int port) {
        return new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    }

    public int port() {
        return port;
    }

    @Override
    protected GreenMail launch() {
        GreenMail greenMail = smtpOn(port);
        greenMail.start();
        return greenMail;
    }

    @Override
    protected void halt(GreenMail greenMail) {
        greenMail.stop();
    }

    /** Every message received since start, oldest first. */
    public List<MimeMessage> received() {
        GreenMail greenMail = running();
        return greenMail == null ? List.of() : List.of(greenMail.getReceivedMessages());
    }
}
