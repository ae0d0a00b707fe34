package bakery.servers.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stack's SMTP sink on a real GreenMail: every mail becomes a file and leaves the sink's memory. */
class MailSinkIT {

    @TempDir
    Path folder;

    private GreenMail greenMail;
    private ServerSetup smtp;

    @AfterEach
    void stop() {
        if (greenMail != null) {
            greenMail.stop();
        }
    }

    @Test
    void everyMailBecomesAFileAndLeavesTheSinksMemory() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        greenMail = MailSink.start(port);
        smtp = new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);

        send("ada@example.org", "Your order is ready");
        send("grace@example.org", "Your order is ready");
        assertThat(greenMail.waitForIncomingEmail(5_000, 2)).isTrue();
        int written = MailSink.writeWaiting(greenMail, folder, 0);

        assertThat(written).isEqualTo(2);
        assertThat(greenMail.getReceivedMessages()).as("mails still held by the sink").isEmpty();

        send("linus@example.org", "Your order is ready");
        assertThat(greenMail.waitForIncomingEmail(5_000, 1)).isTrue();
        written = MailSink.writeWaiting(greenMail, folder, written);

        assertThat(written).isEqualTo(3);
        assertThat(greenMail.getReceivedMessages()).isEmpty();
        List<String> files = files();
        assertThat(files).hasSize(3);
        assertThat(files).anyMatch(f -> f.contains("-1-ada@example.org")).anyMatch(f -> f.contains("-3-linus@example.org"));
        String mail = Files
                .readString(folder.resolve(files.stream().filter(f -> f.contains("grace")).findFirst().orElseThrow()));
        assertThat(mail).contains("To: grace@example.org", "Subject: Your order is ready");
    }

    private void send(String to, String subject) {
        GreenMailUtil.sendTextEmail(to, "bakery@example.org", subject, "Come and collect it.", smtp);
    }

    private List<String> files() throws Exception {
        try (Stream<Path> all = Files.list(folder)) {
            return all.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
