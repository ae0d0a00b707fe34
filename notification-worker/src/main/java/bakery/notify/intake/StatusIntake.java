package bakery.notify.intake;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import bakery.contracts.OrderStatusChanged;
import bakery.contracts.Topics;
import bakery.defaults.Masked;
import bakery.defaults.NodeIdentity;
import bakery.defaults.OrderMeters;
import bakery.defaults.OrderMeters.Stage;
import bakery.defaults.OrderTrace;
import bakery.defaults.UnreadableRecord;
import bakery.notify.mail.Letter;
import bakery.notify.mail.NotificationLedger;
import bakery.notify.mail.NotificationLedger.Claim;
import bakery.notify.mail.NotificationLedger.Entry;
import bakery.notify.mail.NotifyConfig;
import bakery.notify.mail.Postman;

/**
 * E-mails the customer when their order is ready, rejected or cancelled; exactly one e-mail per
 * order and status. Records are handled one after the other, so one order's changes are told in
 * the order they happened; the offset is acknowledged after the e-mail went out (or was found sent),
 * and a record whose e-mail cannot be sent after the retries goes to {@code orders.status.dlq}.
 * Sending is the last span of the order's trace, a child of the status record's.
 */
@ApplicationScoped
public class StatusIntake {

    private static final Logger LOG = Logger.getLogger(StatusIntake.class);

    @Inject
    NotificationLedger ledger;
    @Inject
    Postman postman;
    @Inject
    NotifyConfig config;
    @Inject
    NodeIdentity node;
    @Inject
    OrderMeters meters;
    @Inject
    Tracer tracer;

    @Incoming("order-status")
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public Uni<Void> onStatus(Message<OrderStatusChanged> message) {
        var unreadable = UnreadableRecord.of(message);
        if (unreadable.isPresent()) {
            return unreadable.get().settle(message, meters, Topics.ORDERS_STATUS);
        }
        OrderStatusChanged change = message.getPayload();
        if (!Letter.isTold(change.status())) {
            return Uni.createFrom().completionStage(message::ack);
        }
        Context trace = OrderTrace.follow(message, change.orderId());
        Letter letter = Letter.about(change, config);
        Entry entry = new Entry(change.orderId(), change.status(), node.id() + "/" + UUID.randomUUID());
        return claim(entry).chain(claim -> claim == Claim.ALREADY_SENT
                ? Uni.createFrom().voidItem().invoke(
                        () -> LOG.debugf("%s e-mail of order %s was sent already", change.status(), letter.orderNumber()))
                : send(letter, entry, trace))
                .chain(() -> Uni.createFrom().completionStage(message::ack))
                .onFailure().recoverWithUni(failure -> deadLetter(message, failure));
    }

    private Uni<Void> deadLetter(Message<?> message, Throwable reason) {
        meters.deadLettered(Topics.deadLetter(Topics.ORDERS_STATUS));
        return Uni.createFrom().completionStage(() -> message.nack(reason));
    }

    /**
     * Claims the (order, status) e-mail; waits while another attempt holds it, since that attempt
     * may die before sending (its claim then expires) or finish (then the e-mail is found sent).
     */
    private Uni<Claim> claim(Entry entry) {
        return ledger.claim(entry)
                .onFailure()
                .invoke(e -> LOG.warnf("Redis did not answer for order %s, trying again: %s", entry.orderId(), e.getMessage()))
                .onFailure().retry().withBackOff(config.retry().initialBackoff(), config.retry().maxBackoff()).indefinitely()
                .chain(claim -> claim != Claim.BUSY
                        ? Uni.createFrom().item(claim)
                        : Uni.createFrom().voidItem().onItem().delayIt().by(config.retry().initialBackoff())
                                .chain(() -> claim(entry)));
    }

    private Uni<Void> send(Letter letter, Entry entry, Context trace) {
        Span mail = tracer.spanBuilder("send " + letter.status() + " e-mail")
                .setParent(trace)
                .setSpanKind(SpanKind.CLIENT)
                .setAttribute("bakery.order.id", letter.orderId())
                .setAttribute("bakery.order.status", letter.status().name())
                .startSpan();
        return postman.deliver(letter)
                .onItemOrFailure().invoke((sent, failure) -> {
                    if (failure != null) {
                        mail.setStatus(StatusCode.ERROR, Masked.emailIn(failure.getMessage(), letter.to()));
                    }
                    mail.end();
                })
                .onFailure().call(() -> ledger.release(entry).onFailure().recoverWithNull())
                .chain(() -> ledger.markSent(entry)
                        .onFailure().retry().withBackOff(config.retry().initialBackoff(), config.retry().maxBackoff())
                        .atMost(config.retry().retries())
                        // Sent but not remembered: only a redelivery before the claim expires is held off.
                        .onFailure().invoke(e -> LOG.errorf("sent the %s e-mail of order %s but could not record it: %s",
                                letter.status(), letter.orderNumber(), e.getMessage()))
                        .onFailure().recoverWithNull())
                .invoke(() -> {
                    meters.reached(Stage.NOTIFIED);
                    OrderTrace.inLogs(entry.orderId(), trace);
                    LOG.infof("sent the %s e-mail of order %s to %s", letter.status(), letter.orderNumber(),
                            Masked.email(letter.to()));
                });
    }
}
