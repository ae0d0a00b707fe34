package bakery.baking.oven;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import org.jboss.logging.Logger;

import bakery.baking.oven.BakeStep.AlreadyBaked;
import bakery.baking.oven.BakeStep.Finished;
import bakery.baking.oven.BakeStep.HandedBack;
import bakery.baking.oven.BakeStep.Started;
import bakery.baking.oven.OrderLeases.Claim;
import bakery.baking.oven.OrderLeases.Claimed;
import bakery.baking.oven.OrderLeases.Lease;
import bakery.contracts.BakeEvent;
import bakery.contracts.BakeRequest;
import bakery.defaults.NodeIdentity;
import bakery.defaults.OrderMeters;
import bakery.defaults.OrderMeters.Stage;
import bakery.defaults.WorkInHand;

/**
 * Bakes orders, one lease per bake. Timers are Mutiny delays and ticks, so no thread waits for
 * an order to bake; how many orders bake at once is bounded by the caller (the oven slots of
 * {@code BakeRequestIntake}).
 * At closing time the oven stops taking orders, lets what is inside finish for up to the drain
 * timeout and hands the rest back. Built at start, not at the first bake, so its slots and bake
 * times are on /q/metrics from the start: ./bakery chaos sizes its load from them.
 */
@Startup
@ApplicationScoped
public class Oven implements WorkInHand {

    private static final Logger LOG = Logger.getLogger(Oven.class);

    private enum Outcome {
        DONE,
        LEASE_LOST,
        HANDED_BACK
    }

    /** Redis round trips tried before an order is left without its baked marker (or its written-down BakeFinished). */
    private static final int MARK_ATTEMPTS = 3;
    private static final Claimed BUSY = new Claimed(Claim.BUSY, null);

    private final OrderLeases leases;
    private final OvenConfig config;
    private final NodeIdentity node;
    private final OvenLoad load;
    private final OrderMeters meters;
    private final Timer bakeTime;
    /** Completed when bakes still in the oven at the end of the drain must be handed back. */
    private final CompletableFuture<Outcome> handBack = new CompletableFuture<>();
    private volatile boolean closing;

    public Oven(OrderLeases leases, OvenConfig config, NodeIdentity node, MeterRegistry registry, OrderMeters meters) {
        this.leases = leases;
        this.config = config;
        this.node = node;
        this.load = new OvenLoad(registry, config.slots());
        this.meters = meters;
        this.bakeTime = Timer.builder("bakery.bake.time")
                .description("time an order spent in the oven, from BakeStarted to BakeFinished")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofHours(1))
                .register(registry);
    }

    /**
     * Bakes one order: {@link Started} then {@link Finished}, or {@link AlreadyBaked} when an earlier
     * request for it was baked, or {@link HandedBack} when the worker is stopping.
     *
     * @throws BakeTime.UnbakeableOrder when the request cannot be baked at all
     */
    public Multi<BakeStep> bake(BakeRequest request) {
        Duration ovenTime = BakeTime.of(request, config.speedFactor());
        Lease lease = new Lease(request.orderId(), node.id() + "/" + UUID.randomUUID());
        return claim(lease).onItem().transformToMulti(claimed -> {
            Claim claim = claimed.claim();
            if (claim == Claim.LEASED) {
                return bakeUnder(lease, request, ovenTime);
            }
            if (claim == Claim.OUT_OF_OVEN) {
                // Its baker died between the oven and the baked marker: send its BakeFinished again, bake nothing.
                LOG.infof("order %s came out of %s's oven unrecorded; sending its BakeFinished again", request.orderId(),
                        claimed.finished().workerNode());
                load.entered();
                return Multi.createFrom().item(new Finished(claimed.finished(), lease));
            }
            if (claim == Claim.ALREADY_BAKED) {
                load.skipped();
                return Multi.createFrom().item(new AlreadyBaked());
            }
            // an attempt only gives up waiting for a busy order when the oven closes
            return Multi.createFrom().item(new HandedBack());
        });
    }

    /** Orders holding a lease here: a node taken out of rotation lets them finish before it calls itself drained. */
    @Override
    public int inHand() {
        return load.inOven();
    }

    /** The order's BakeFinished is on Kafka: remember it as baked so it is never baked again, and free the lease. */
    public Uni<Void> published(Lease lease) {
        return leases.markBaked(lease)
                .onFailure().retry().withBackOff(config.leaseRenewal()).atMost(MARK_ATTEMPTS)
                // Baked and reported all the same: without the marker only a redelivery would bake it again.
                .onFailure().invoke(e -> LOG.errorf("could not mark order %s baked: %s", lease.orderId(), e.getMessage()))
                .onFailure().recoverWithNull()
                .eventually(() -> {
                    load.left(true);
                    meters.reached(Stage.BAKED);
                });
    }

    /** The order's BakeFinished could not be published: give the lease up, the order is baked again. */
    public Uni<Void> unpublished(Lease lease) {
        return leases.release(lease).onFailure().recoverWithNull().eventually(() -> load.left(false));
    }

    private Uni<Claimed> claim(Lease lease) {
        if (closing) {
            return Uni.createFrom().item(BUSY);
        }
        return leases.claim(lease)
                .invoke(claimed -> {
                    if (claimed.claim() == Claim.LEASED) {
                        load.entered();
                    } else if (claimed.claim() == Claim.BUSY) {
                        load.foundBusy();
                    }
                })
                // Redis unreachable: wait as for a busy order and ask again
                .onFailure()
                .invoke(e -> LOG.warnf("Redis did not answer for order %s, trying again: %s", lease.orderId(), e.getMessage()))
                .onFailure().recoverWithItem(BUSY)
                // Busy: another attempt holds the order. Not acknowledged and not skipped, so that if
                // its holder dies the lease expires and this attempt bakes it; if it finishes, this one finds it baked.
                .chain(claimed -> claimed.claim() != Claim.BUSY || closing
                        ? Uni.createFrom().item(claimed)
                        : Uni.createFrom().voidItem().onItem().delayIt().by(config.leaseRenewal()).chain(() -> claim(lease)));
    }

    private Multi<BakeStep> bakeUnder(Lease lease, BakeRequest request, Duration ovenTime) {
        Started started = new Started(BakeEvent.started(request.orderId(), node.id(), Instant.now()));
        Uni<Outcome> baked = ovenTime.isZero()
                ? Uni.createFrom().item(Outcome.DONE)
                : Uni.createFrom().item(Outcome.DONE).onItem().delayIt().by(ovenTime);
        Uni<Outcome> lost = Multi.createFrom().ticks().every(config.leaseRenewal())
                .onOverflow().drop()
                // A Redis hiccup is not a lost lease: the lease outlives two missed renewals.
                .onItem().transformToUniAndConcatenate(tick -> leases.renew(lease).onFailure().recoverWithItem(true))
                .filter(held -> !held)
                .toUni()
                .replaceWith(Outcome.LEASE_LOST);
        // a stage of our own, so that cancelling this bake never cancels the shared signal
        Uni<Outcome> closingTime = Uni.createFrom().completionStage(() -> handBack.thenApply(outcome -> outcome));
        Multi<BakeStep> end = Uni.combine().any().of(baked, lost, closingTime)
                .onItem().transformToMulti(outcome -> afterBaking(outcome, lease, request, started.event().at()));
        return Multi.createBy().concatenating().streams(Multi.createFrom().item(started), end);
    }

    private Multi<BakeStep> afterBaking(Outcome outcome, Lease lease, BakeRequest request, Instant into) {
        if (outcome == Outcome.DONE) {
            Instant out = Instant.now();
            bakeTime.record(Duration.between(into, out));
            BakeEvent finished = BakeEvent.finished(request.orderId(), node.id(), out);
            return writtenDown(lease, finished).onItem().transformToMulti(held -> {
                if (held) {
                    return Multi.createFrom().item(new Finished(finished, lease));
                }
                return backToTheDoor(request, "as it came out of the oven");
            });
        }
        if (outcome == Outcome.HANDED_BACK) {
            return leases.release(lease).onFailure().recoverWithNull()
                    .eventually(() -> load.left(false))
                    .onItem().transformToMulti(x -> Multi.createFrom().item(new HandedBack()));
        }
        return backToTheDoor(request, "while baking it");
    }

    /** The lease went (it expired and may be another attempt's): leave the oven and claim the order anew. */
    private Multi<BakeStep> backToTheDoor(BakeRequest request, String when) {
        LOG.warnf("lost the lease on order %s %s; back to the oven door", request.orderId(), when);
        load.left(false);
        return bake(request);
    }

    /**
     * Writes the BakeFinished down before it is published, so that an attempt taking over after a
     * crash sends it again instead of baking again. Should Redis not answer, it is published all the
     * same: only a crash before the baked marker could then bake the order a second time.
     */
    private Uni<Boolean> writtenDown(Lease lease, BakeEvent finished) {
        return leases.outOfOven(lease, finished)
                .onFailure().retry().withBackOff(config.leaseRenewal()).atMost(MARK_ATTEMPTS)
                .onFailure()
                .invoke(e -> LOG.errorf("could not write down order %s as out of the oven: %s", lease.orderId(),
                        e.getMessage()))
                .onFailure().recoverWithItem(true);
    }

    /**
     * Closing time, before the Kafka connector closes (it closes when the application scope ends):
     * take no new orders, let the oven empty for up to the drain timeout, hand back what is left.
     * The connector then commits what was acknowledged and leaves the group.
     */
    void close(@Observes ShutdownEvent shutdown) {
        closing = true;
        LOG.infof("closing the oven with %d orders inside", load.inOven());
        if (!load.awaitEmpty(config.drainTimeout())) {
            LOG.infof("handing back %d orders still in the oven", load.inOven());
            handBack.complete(Outcome.HANDED_BACK);
            load.awaitEmpty(config.leaseRenewal());
        }
    }
}
