package bakery.notify;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;

import io.quarkus.test.common.QuarkusTestResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import bakery.contracts.Customer;
import bakery.contracts.OrderIds;
import bakery.contracts.OrderLine;
import bakery.contracts.OrderStatus;
import bakery.contracts.OrderStatusChanged;
import bakery.contracts.Topics;
import bakery.testkit.Await;
import bakery.testkit.KafkaBroker;
import bakery.testkit.KafkaProbe;
import bakery.testkit.MailServer;
import bakery.testkit.resources.KafkaResource;
import bakery.testkit.resources.MailResource;
import bakery.testkit.resources.RedisResource;

/** The worker under test against the test JVM's real Kafka broker, Redis and SMTP server. */
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(RedisResource.class)
@QuarkusTestResource(MailResource.class)
public abstract class NotifyIT {

    public static final String GROUP = "notification-worker";

    protected KafkaProbe probe;

    @BeforeEach
    void openProbe() {
        probe = new KafkaProbe(KafkaBroker.shared().bootstrapServers());
    }

    @AfterEach
    void closeProbe() {
        probe.close();
    }

    protected static OrderStatusChanged change(UUID order, OrderStatus status, String reason) {
        return new OrderStatusChanged(1, order, status, 3, reason, new Customer("Jane Doe", "jane.doe@example.org"),
                List.of(new OrderLine("croissant", "Butter croissant", 6, 180),
                        new OrderLine("sourdough", "Sourdough loaf", 1, 520)),
                1600, Instant.parse("2026-11-22T07:30:00Z"), Instant.now());
    }

    protected static OrderStatusChanged change(OrderStatus status) {
        return change(OrderIds.next(), status, null);
    }

    protected void publish(OrderStatusChanged change) {
        probe.send(Topics.ORDERS_STATUS, change);
    }

    /** Waits until the worker's group committed past the last status record of this order. */
    protected void awaitSettled(UUID order) {
        probe.awaitCommittedPast(GROUP, Topics.ORDERS_STATUS, order.toString());
    }

    /** E-mails about this order received by the SMTP server so far. */
    protected static List<MimeMessage> mailsAbout(UUID order) {
        String number = OrderIds.number(order);
        return MailServer.shared().received().stream().filter(m -> subject(m).contains(number)).toList();
    }

    protected static MimeMessage awaitMailAbout(UUID order) {
        return Await.until("an e-mail about order " + order, () -> mailsAbout(order), mails -> !mails.isEmpty()).get(0);
    }

    protected static String subject(MimeMessage mail) {
        try {
            return mail.getSubject();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    protected static String body(MimeMessage mail) {
        try {
            Object content = mail.getContent();
            if (content instanceof Multipart multipart) {
                content = multipart.getBodyPart(0).getContent();
            }
            return content.toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
