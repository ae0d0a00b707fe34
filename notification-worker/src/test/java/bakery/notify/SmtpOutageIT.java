package bakery.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import bakery.contracts.OrderStatus;
import bakery.contracts.OrderStatusChanged;
import bakery.contracts.Topics;
import bakery.testkit.DeadLetters;
import bakery.testkit.MailServer;

@QuarkusTest
class SmtpOutageIT extends NotifyIT {

    private final List<String> logged = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(String.valueOf(record.getMessage()) + " "
                    + List.of(record.getParameters() == null ? new Object[0] : record.getParameters())
                    + (record.getThrown() == null ? "" : " " + record.getThrown()));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureLogs() {
        Logger.getLogger("").addHandler(capture);
    }

    @AfterEach
    void restoreSmtp() {
        Logger.getLogger("").removeHandler(capture);
        MailServer.shared().start();
    }

    @Test
    void whileSmtpIsDownTheEmailIsRetriedThenDeadLetteredAndMailFlowsAgainOnceItIsBack() {
        MailServer.shared().stop();
        OrderStatusChanged ready = change(OrderStatus.READY);
        publish(ready);

        ConsumerRecord<String, byte[]> dead = DeadLetters.of(probe, Topics.ORDERS_STATUS).awaitKeys(List.of(ready.key()))
                .get(ready.key());
        String reason = DeadLetters.reason(dead);
        assertThat(reason).contains("could not send the READY e-mail").contains("j***@example.org").doesNotContain("jane.doe@");
        assertThat(new String(dead.value(), StandardCharsets.UTF_8)).contains(ready.orderId().toString());
        assertThat(logged).anySatisfy(line -> assertThat(line).contains("SMTP refused"));
        assertThat(logged).noneSatisfy(line -> assertThat(line).contains("jane.doe@example.org"));

        MailServer.shared().start();
        OrderStatusChanged next = change(OrderStatus.READY);
        publish(next);

        awaitMailAbout(next.orderId());
        assertThat(mailsAbout(ready.orderId())).isEmpty();
    }
}
