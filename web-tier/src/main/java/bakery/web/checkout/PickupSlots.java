package bakery.web.checkout;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import bakery.contracts.api.OvenQueue;
import bakery.contracts.api.Product;
import bakery.web.catalog.OrderServiceClient;

/**
 * The pickup times checkout offers: the earliest slot the ovens can meet for a cart, then the slots after it. The
 * earliest is now, plus the oven time every order already waiting needs shared over the fleet's oven slots, plus this
 * cart's slowest product (an order bakes as one batch), all at the ovens' speed, plus the time to pack it, rounded up
 * to the next slot.
 */
@ApplicationScoped
public class PickupSlots {

    private static final Logger LOG = Logger.getLogger(PickupSlots.class);

    private final PickupConfig config;
    private final Uni<OvenQueue> queue;

    public PickupSlots(@RestClient OrderServiceClient orderService, PickupConfig config) {
        this.config = config;
        // Every checkout needs the queue: one question to order-service serves this node for a few seconds. Without an
        // answer the slots count only this cart's bake time; the staff board shows what the ovens really have.
        this.queue = Uni.createFrom().deferred(() -> orderService.ovenQueue())
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf("oven queue unknown, pickup slots from bake times alone: %s", e.toString());
                    return new OvenQueue(0, 0);
                })
                .memoize().atLeast(config.queueMaxAge());
    }

    /** The slots offered for this cart (sku to quantity), earliest first. */
    public Uni<List<Instant>> offer(Map<String, Integer> cart, Map<String, Product> products) {
        return earliest(cart, products).map(this::from);
    }

    /** The earliest pickup the ovens can meet for this cart now. */
    public Uni<Instant> earliest(Map<String, Integer> cart, Map<String, Product> products) {
        long slowest = cart.keySet().stream().map(products::get).filter(p -> p != null)
                .mapToLong(Product::bakeSeconds).max().orElse(0);
        return queue.map(waiting -> earliest(Instant.now(), waiting, slowest));
    }

    Instant earliest(Instant now, OvenQueue waiting, long slowestSeconds) {
        double ovenSeconds = ((double) waiting.ovenSeconds() / config.ovenSlots() + slowestSeconds) * config.ovenSpeedFactor();
        Instant ready = now.plusSeconds((long) Math.ceil(ovenSeconds)).plus(config.packing());
        long slot = config.slotLength().toSeconds();
        long epochSecond = ready.getEpochSecond() + (ready.getNano() > 0 ? 1 : 0);
        return Instant.ofEpochSecond(-Math.floorDiv(-epochSecond, slot) * slot);
    }

    List<Instant> from(Instant earliest) {
        List<Instant> slots = new ArrayList<>(config.slotsOffered());
        for (int i = 0; i < config.slotsOffered(); i++) {
            slots.add(earliest.plus(config.slotLength().multipliedBy(i)));
        }
        return slots;
    }
}
