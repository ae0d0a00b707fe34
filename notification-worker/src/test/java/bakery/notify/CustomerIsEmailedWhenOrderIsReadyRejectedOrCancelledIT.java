package bakery.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import jakarta.mail.Message.RecipientType;
import jakarta.mail.internet.MimeMessage;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import bakery.contracts.OrderIds;
import bakery.contracts.OrderStatus;
import bakery.contracts.OrderStatusChanged;

@QuarkusTest
class CustomerIsEmailedWhenOrderIsReadyRejectedOrCancelledIT extends NotifyIT {

    @Test
    void aReadyOrderIsEmailedWithNumberItemsTotalAndPickupTime() throws Exception {
        OrderStatusChanged ready = change(OrderStatus.READY);
        publish(ready);

        MimeMessage mail = awaitMailAbout(ready.orderId());

        String number = OrderIds.number(ready.orderId());
        assertThat(mail.getRecipients(RecipientType.TO)).extracting(Object::toString).containsExactly("jane.doe@example.org");
        assertThat(mail.getSubject()).isEqualTo("Your FADU Bakery order " + number + " is ready for pickup");
        assertThat(body(mail))
                .contains("Hello Jane Doe")
                .contains("your order " + number + " is ready")
                .contains("6 × Butter croissant   €10.80")
                .contains("1 × Sourdough loaf   €5.20")
                .contains("Total: €16.00")
                .contains("22 November 2026").contains("08:30")
                .contains(ready.orderId().toString());
    }

    @Test
    void aRejectedOrderIsEmailedWithTheReason() {
        MimeMessage mail = mailForAnOrderThatTurns(OrderStatus.REJECTED, "we do not bake rye bread on Sundays");

        assertThat(subject(mail)).startsWith("We could not accept your FADU Bakery order");
        assertThat(body(mail)).contains("The reason: we do not bake rye bread on Sundays").contains("Total: €16.00");
    }

    @Test
    void aCancelledOrderIsEmailed() {
        MimeMessage mail = mailForAnOrderThatTurns(OrderStatus.CANCELLED, "cancelled at the customer's request");

        assertThat(subject(mail)).endsWith("has been cancelled");
        assertThat(body(mail)).contains("has been cancelled").contains("cancelled at the customer's request");
    }

    @Test
    void acceptedAndBakingAreNotEmailed() {
        UUID order = OrderIds.next();
        publish(change(order, OrderStatus.ACCEPTED, null));
        publish(change(order, OrderStatus.BAKING, null));

        awaitSettled(order);

        assertThat(mailsAbout(order)).isEmpty();
    }

    private MimeMessage mailForAnOrderThatTurns(OrderStatus status, String reason) {
        OrderStatusChanged change = change(OrderIds.next(), status, reason);
        publish(change);
        return awaitMailAbout(change.orderId());
    }
}
