package bakery.load.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import bakery.contracts.OrderStatus;

class MailsTest {

    static String eml(String subject) {
        return "From: bakery@example.com\r\nTo: ada@example.com\r\nSubject: " + subject
                + "\r\nContent-Type: text/plain\r\n\r\nHello\r\n";
    }

    @Test
    void readsOrderNumberAndStatusFromEachSubject(@TempDir Path mail) throws Exception {
        Files.writeString(mail.resolve("1.eml"), eml("Your FADU Bakery order 0A1B2C3D is ready for pickup"));
        Files.writeString(mail.resolve("2.eml"), eml("We could not accept your FADU Bakery order 99AA88BB"));
        Files.writeString(mail.resolve("3.eml"), eml("Your FADU Bakery order 12345678 has been cancelled"));
        Files.writeString(mail.resolve("notes.txt"), "not a mail");

        assertThat(Mails.since(mail, Instant.EPOCH)).containsExactlyInAnyOrder(
                new Mails.Mail("0A1B2C3D", OrderStatus.READY),
                new Mails.Mail("99AA88BB", OrderStatus.REJECTED),
                new Mails.Mail("12345678", OrderStatus.CANCELLED));
    }

    @Test
    void mailsFromBeforeTheScenarioAreLeftOut(@TempDir Path mail) throws Exception {
        Path old = Files.writeString(mail.resolve("old.eml"), eml("Your FADU Bakery order 0A1B2C3D is ready for pickup"));
        Files.setLastModifiedTime(old, FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
        assertThat(Mails.since(mail, Instant.parse("2021-01-01T00:00:00Z"))).isEmpty();
    }

    @Test
    void noFolderNoMails(@TempDir Path home) {
        assertThat(Mails.since(home.resolve("mail"), Instant.EPOCH)).isEmpty();
    }
}
