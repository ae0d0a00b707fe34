package bakery.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import bakery.contracts.OrderStatus;
import bakery.contracts.OrderStatusChanged;
import bakery.contracts.Topics;
import bakery.testkit.Await;
import bakery.testkit.MailServer;

/**
 * E-mails per second one instance sends to a real SMTP server (GreenMail in this JVM): claim,
 * template, SMTP, sent mark, commit. Prints numbers; asserts only that every e-mail arrived. Run with
 * {@code ./mvnw -B verify -pl notification-worker -Dbenchmark=true -Dit.test=MailThroughputBenchmarkIT -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class MailThroughputBenchmarkIT extends NotifyIT {

    private static final int MAILS = Integer.getInteger("benchmark.mails", 1000);

    @Test
    void emailsPerSecond() {
        List<OrderStatusChanged> ready = IntStream.range(0, MAILS).mapToObj(i -> change(OrderStatus.READY)).toList();
        int before = MailServer.shared().received().size();

        long start = System.nanoTime();
        probe.sendAll(Topics.ORDERS_STATUS, ready);
        Await.within(Duration.ofMinutes(5), MAILS + " e-mails")
                .until(() -> MailServer.shared().received().size() - before >= MAILS);
        long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();

        assertThat(mailsAbout(ready.get(MAILS - 1).orderId())).hasSize(1);
        System.out.printf("BENCHMARK e-mails: 1 instance, %d READY events to e-mails in %d ms = %.0f e-mails/s%n",
                MAILS, millis, MAILS * 1000.0 / millis);
    }
}
