package bakery.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import bakery.contracts.OrderIds;
import bakery.contracts.OrderStatus;
import bakery.contracts.OrderStatusChanged;

@QuarkusTest
class RedeliveredStatusSendsOneEmailIT extends NotifyIT {

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
}
