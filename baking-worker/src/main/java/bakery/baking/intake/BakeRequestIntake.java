package bakery.baking.intake;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.opentelemetry.context.Context;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Outgoing;
import org.jboss.logging.Logger;

import bakery.baking.oven.BakeStep;
import bakery.baking.oven.BakeStep.Finished;
import bakery.baking.oven.BakeTime.UnbakeableOrder;
import bakery.baking.oven.Oven;
import bakery.baking.oven.OvenConfig;
import bakery.contracts.BakeEvent;
import bakery.contracts.BakeRequest;
import bakery.contracts.Topics;
import bakery.defaults.OrderMeters;
import bakery.defaults.OrderTrace;
import bakery.defaults.UnreadableRecord;

/**
 * Turns bake requests into bake events. The oven slots are the merge's concurrency: Mutiny asks
 * the Kafka source for one more request only when a bake has ended, so at most {@code slots}
 * orders are in this instance's oven and the rest wait, uncommitted, in Kafka.
 * <p>
 * A request is acknowledged only after its BakeFinished is on Kafka and the order is marked baked
 * (or it was found baked already); the {@code throttled} commit strategy then commits past it.
 * Handed-back requests are never acknowledged, so whoever gets the partition next bakes them.
 * Bake events go out as the next step of the request's trace.
 */
@ApplicationScoped
public class BakeRequestIntake {

    private static final Logger LOG = Logger.getLogger(BakeRequestIntake.class);

    @Inject
    Oven oven;
    @Inject
    OvenConfig config;
    @Inject
    OrderMeters meters;

    @Incoming("bake-requests")
    @Outgoing("bake-events")
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public Multi<Message<BakeEvent>> bake(Multi<Message<BakeRequest>> requests) {
        return requests.onItem().transformToMulti(this::bakeOne).merge(config.slots());
    }

    private Multi<Message<BakeEvent>> bakeOne(Message<BakeRequest> request) {
        var unreadable = UnreadableRecord.of(request);
        if (unreadable.isPresent()) {
            return deadLetter(request, unreadable.get());
        }
        Context trace = OrderTrace.follow(request, request.getPayload().orderId());
        Multi<BakeStep> steps;
        try {
            steps = oven.bake(request.getPayload());
        } catch (UnbakeableOrder e) {
            LOG.warnf("dead-lettering a bake request: %s", e.getMessage());
            return deadLetter(request, e);
        }
        return steps.onItem().transformToMultiAndConcatenate(step -> afterStep(request, step, trace))
                // One request failing unexpectedly must not end the stream, and with it every other bake.
                .onFailure().recoverWithMulti(failure -> {
                    LOG.errorf(failure, "baking a request failed; dead-lettering it");
                    return deadLetter(request, failure);
                });
    }

    private Multi<Message<BakeEvent>> deadLetter(Message<BakeRequest> request, Throwable reason) {
        meters.deadLettered(Topics.deadLetter(Topics.BAKE_REQUESTS));
        return settle(() -> request.nack(reason));
    }

    private Multi<Message<BakeEvent>> afterStep(Message<BakeRequest> request, BakeStep step, Context trace) {
        if (step instanceof BakeStep.Started started) {
            return Multi.createFrom().item(toKafka(started.event(), trace));
        }
        if (step instanceof Finished finished) {
            return publish(request, finished, trace);
        }
        if (step instanceof BakeStep.AlreadyBaked) {
            return settle(request::ack);
        }
        return Multi.createFrom().empty(); // handed back: never acknowledged
    }

    /**
     * Sends BakeFinished and keeps the slot until Kafka has it: then the order is marked baked and
     * the request acknowledged. If Kafka refuses it, the lease goes and the order is baked again.
     */
    private Multi<Message<BakeEvent>> publish(Message<BakeRequest> request, Finished finished, Context trace) {
        CompletableFuture<Throwable> sent = new CompletableFuture<>();
        Message<BakeEvent> event = toKafka(finished.event(), trace)
                .withAck(() -> completed(sent, null))
                .withNack(failure -> completed(sent, failure));
        Multi<Message<BakeEvent>> afterwards = Uni.createFrom().completionStage(sent).onItem().transformToMulti(failure -> {
            if (failure == null) {
                OrderTrace.inLogs(finished.event().orderId(), trace);
                LOG.debugf("order %s baked", finished.event().orderId());
                return oven.published(finished.lease())
                        .onItem().transformToMulti(x -> settle(request::ack));
            }
            LOG.errorf("could not publish BakeFinished of order %s, baking it again: %s", finished.event().orderId(),
                    failure.getMessage());
            return oven.unpublished(finished.lease()).onItem().transformToMulti(x -> bakeOne(request));
        });
        return Multi.createBy().concatenating().streams(Multi.createFrom().item(event), afterwards);
    }

    /** Acknowledges (or dead-letters) a request that produces no event. */
    private static Multi<Message<BakeEvent>> settle(Supplier<CompletionStage<Void>> settlement) {
        return Uni.createFrom().completionStage(settlement).onItem().transformToMulti(x -> Multi.createFrom().empty());
    }

    private static Message<BakeEvent> toKafka(BakeEvent event, Context trace) {
        return OrderTrace.continuing(KafkaRecord.of(event.key(), event), trace);
    }

    private static CompletionStage<Void> completed(CompletableFuture<Throwable> sent, Throwable failure) {
        sent.complete(failure);
        return CompletableFuture.completedFuture(null);
    }
}
