package bakery.servers.mail;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

import jakarta.mail.Address;
import jakarta.mail.Flags;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.user.UserException;
import com.icegreen.greenmail.util.GreenMail;

import bakery.servers.process.SimpleLogging;

/**
 * The SMTP sink of the local stack, run as its own small JVM ({@code MailSink PORT FOLDER}): GreenMail
 * accepts every message and this writes each one as an {@code .eml} file into the folder
 * ({@code .bakery/mail/}), which any mail program (or a text editor) opens.
 */
public final class MailSink {

    private static final Duration WAIT = Duration.ofMinutes(1);
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");
    private static final DateTimeFormatter LOG_TIME = DateTimeFormatter.ofPattern(SimpleLogging.TIME_FORMAT);
    private static final String SINK_ADDRESS = "sink@localhost";

    private MailSink() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        Path folder = Path.of(args[1]);
        Files.createDirectories(folder);
        GreenMail greenMail = start(port);
        Runtime.getRuntime().addShutdownHook(new Thread(greenMail::stop, "smtp-stop"));
        System.out.println(
                LocalDateTime.now().format(LOG_TIME) + " SMTP sink on 127.0.0.1:" + port + ", writing mails to " + folder);
        int written = 0;
        while (true) {
            // Blocks until a message waits (or the wait times out and we wait again).
            if (greenMail.waitForIncomingEmail(WAIT.toMillis(), 1)) {
                written = writeWaiting(greenMail, folder, written);
            }
        }
    }

    /** GreenMail on the port, every recipient delivered to one mailbox (one user per address would pile up). */
    static GreenMail start(int port) throws UserException {
        GreenMail greenMail = MailServer.smtpOn(port);
        greenMail.start();
        GreenMailUser sink = greenMail.getManagers().getUserManager().createUser(SINK_ADDRESS, SINK_ADDRESS, "unused");
        greenMail.getManagers().getUserManager().setMessageDeliveryHandler((message, recipient) -> sink);
        return greenMail;
    }

    /**
     * Writes every waiting message to a file and removes it from GreenMail's memory: the sink runs
     * for days under load tests, and a store that keeps every mail runs out of heap.
     * Returns the number of mails written so far.
     */
    static int writeWaiting(GreenMail greenMail, Path folder, int writtenBefore) throws Exception {
        GreenMailUser sink = greenMail.getManagers().getUserManager().getUserByEmail(SINK_ADDRESS);
        MailFolder inbox = greenMail.getManagers().getImapHostManager().getInbox(sink);
        int written = writtenBefore;
        for (StoredMessage stored : inbox.getNonDeletedMessages()) {
            written++;
            write(stored.getMimeMessage(), folder, written);
            inbox.setFlags(new Flags(Flags.Flag.DELETED), true, stored.getUid(), null, false);
        }
        inbox.expunge();
        return written;
    }

    private static void write(MimeMessage message, Path folder, int number) throws IOException, MessagingException {
        Address[] to = message.getAllRecipients();
        String recipient = to == null || to.length == 0 ? "unknown" : to[0].toString();
        String name = LocalDateTime.now().format(FILE_TIME) + "-" + number + "-" + recipient.replaceAll("[^A-Za-z0-9@._-]", "_")
                + ".eml";
        Path file = folder.resolve(name);
        try (OutputStream out = Files.newOutputStream(file)) {
            message.writeTo(out);
        }
        System.out.println(LocalDateTime.now().format(LOG_TIME) + " mail to " + recipient + " \"" + message.getSubject()
                + "\" -> " + file);
    }
}
