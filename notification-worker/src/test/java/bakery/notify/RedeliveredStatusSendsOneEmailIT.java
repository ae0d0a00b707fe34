package bakery.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import jakarta.inject.Inject;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import bakery.contracts.OrderIds;
import bakery.contracts.OrderStatus;
import bakery.contracts.OrderStatusChanged;

@QuarkusTest
class RedeliveredStatusSendsOneEmailIT extends NotifyIT {

    @Inject
    RedisDataSource redis;

    @Test
    void aStatusEventDeliveredTwiceSendsOneEmail() {
        OrderStatusChanged ready = change(OrderStatus.READY);
        publish(ready);
        awaitMailAbout(ready.orderId());

        publish(ready);
        awaitSettled(ready.orderId());

        assertThat(mailsAbout(ready.orderId())).hasSize(1);
    }

    @Test
    void eachToldStatusOfAnOrderIsEmailedOnceEvenWhenRepeated() {
        UUID order = OrderIds.next();
        OrderStatusChanged cancelled = change(order, OrderStatus.CANCELLED, "the shop closed early");
        OrderStatusChanged ready = change(order, OrderStatus.READY, null);
        publish(ready);
        publish(ready);
        publish(cancelled);
        publish(cancelled);

        awaitSettled(order);

        assertThat(mailsAbout(order)).extracting(NotifyIT::subject)
                .hasSize(2)
                .anySatisfy(s -> assertThat(s).endsWith("is ready for pickup"))
                .anySatisfy(s -> assertThat(s).endsWith("has been cancelled"));
    }

    @Test
    void aStatusAfterRedisForgotTheLedgersScriptsIsEmailedOnce() {
        // The ledger's steps are Lua scripts Redis keeps by their hash; a restarted or flushed Redis is sent the source again.
        redis.execute("SCRIPT", "FLUSH");
        OrderStatusChanged ready = change(OrderStatus.READY);
        publish(ready);
        awaitMailAbout(ready.orderId());

        redis.execute("SCRIPT", "FLUSH");
        publish(ready);
        awaitSettled(ready.orderId());

        assertThat(mailsAbout(ready.orderId())).hasSize(1);
    }
}
