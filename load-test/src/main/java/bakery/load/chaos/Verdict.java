package bakery.load.chaos;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import bakery.contracts.BakeEvent;
import bakery.contracts.OrderIds;
import bakery.contracts.OrderStatus;
import bakery.contracts.OrderStatusChanged;

/**
 * What a chaos scenario did to the customers. An order is <em>settled</em> once the bakery finished
 * with it on its own (READY, or REJECTED/CANCELLED; PICKED_UP needs staff). An accepted order that
 * had not settled when the wait ended is <em>late</em> when it still sits somewhere the bakery will
 * move it on from ({@link Whereabouts}), and <em>lost</em> when it sits nowhere. <em>duplicated</em>
 * counts orders baked twice (two different BakeFinished), moved to READY twice (two READY
 * transitions) or e-mailed twice about the same status. In each, the same event sent again is not a
 * second one.
 */
public record Verdict(int accepted, int settled, int lost, int late, int duplicated, int bakedTwice, int readyTwice,
        int mailedTwice, int unmailed, int cartsChecked, int cartsLost, Map<Outcome, Long> outcomes,
        Optional<Straggler> oldestLate) {

    /** A late order: when its customer got the 202, and where it sits. */
    public record Straggler(UUID orderId, Instant acceptedAt, Whereabouts whereabouts) {
    }

    static final Set<OrderStatus> SETTLED = EnumSet.of(OrderStatus.READY, OrderStatus.PICKED_UP, OrderStatus.REJECTED,
            OrderStatus.CANCELLED);
    static final Set<OrderStatus> MAILED = EnumSet.of(OrderStatus.READY, OrderStatus.REJECTED, OrderStatus.CANCELLED);

    /**
     * @param accepted every order that got a 202, with the moment it did
     * @param unsettled where each accepted order that had not settled sits (an order it does not know sits nowhere)
     */
    public static Verdict of(Map<UUID, Instant> accepted, Collection<OrderStatusChanged> changes, Collection<BakeEvent> bakes,
            Collection<Mails.Mail> mails, List<CartCheck> carts, Map<Outcome, Long> outcomes,
            Map<UUID, Whereabouts> unsettled) {
        Map<UUID, Set<OrderStatus>> reached = new HashMap<>();
        Map<UUID, Set<Long>> readyVersions = new HashMap<>();
        for (OrderStatusChanged c : changes) {
            if (accepted.containsKey(c.orderId())) {
                reached.computeIfAbsent(c.orderId(), id -> EnumSet.noneOf(OrderStatus.class)).add(c.status());
                if (c.status() == OrderStatus.READY) {
                    readyVersions.computeIfAbsent(c.orderId(), id -> new HashSet<>()).add(c.version());
                }
            }
        }
        Set<UUID> settled = accepted.keySet().stream()
                .filter(id -> reached.getOrDefault(id, Set.of()).stream().anyMatch(SETTLED::contains))
                .collect(Collectors.toSet());
        // Different BakeFinished events: the same event sent again (a baker that died before marking
        // the order baked, its successor re-sending the written-down event) is not a second bake.
        Map<UUID, Long> finished = bakes.stream()
                .filter(b -> b.stage() == BakeEvent.Stage.FINISHED && accepted.containsKey(b.orderId()))
                .distinct()
                .collect(Collectors.groupingBy(BakeEvent::orderId, Collectors.counting()));
        Set<UUID> bakedTwice = ids(finished, n -> n > 1);
        Set<UUID> readyTwice = readyVersions.entrySet().stream().filter(e -> e.getValue().size() > 1).map(Map.Entry::getKey)
                .collect(Collectors.toSet());

        Map<String, UUID> byNumber = new HashMap<>();
        accepted.keySet().forEach(id -> byNumber.put(OrderIds.number(id), id));
        Map<String, Long> mailCount = mails.stream().filter(m -> byNumber.containsKey(m.orderNumber()))
                .collect(Collectors.groupingBy(m -> m.orderNumber() + "/" + m.status(), Collectors.counting()));
        Set<UUID> mailedTwice = mailCount.entrySet().stream().filter(e -> e.getValue() > 1)
                .map(e -> byNumber.get(e.getKey().substring(0, e.getKey().indexOf('/')))).collect(Collectors.toSet());
        int unmailed = 0;
        for (UUID id : settled) {
            for (OrderStatus s : reached.get(id)) {
                if (MAILED.contains(s) && !mailCount.containsKey(OrderIds.number(id) + "/" + s)) {
                    unmailed++;
                }
            }
        }
        Set<UUID> duplicated = new HashSet<>(bakedTwice);
        duplicated.addAll(readyTwice);
        duplicated.addAll(mailedTwice);
        Map<Outcome, Long> counted = new EnumMap<>(Outcome.class);
        for (Outcome o : Outcome.values()) {
            counted.put(o, outcomes.getOrDefault(o, 0L));
        }
        List<Straggler> late = accepted.entrySet().stream().filter(e -> !settled.contains(e.getKey()))
                .map(e -> new Straggler(e.getKey(), e.getValue(), unsettled.getOrDefault(e.getKey(), Whereabouts.NOWHERE)))
                .filter(s -> !s.whereabouts().lost())
                .toList();
        int open = accepted.size() - settled.size();
        return new Verdict(accepted.size(), settled.size(), open - late.size(), late.size(), duplicated.size(),
                bakedTwice.size(), readyTwice.size(), mailedTwice.size(), unmailed,
                carts.size(), (int) carts.stream().filter(c -> !c.intact()).count(), counted,
                late.stream().min(Comparator.comparing(Straggler::acceptedAt)));
    }

    private static Set<UUID> ids(Map<UUID, Long> counts, java.util.function.LongPredicate test) {
        return counts.entrySet().stream().filter(e -> test.test(e.getValue())).map(Map.Entry::getKey)
                .collect(Collectors.toSet());
    }

    public long requests() {
        return outcomes.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Requests a customer or staff member saw fail through the balancer: any 5xx, or no answer at all. */
    public long failedRequests() {
        return outcomes.get(Outcome.UNAVAILABLE) + outcomes.get(Outcome.SERVER_ERROR) + outcomes.get(Outcome.NO_ANSWER);
    }

    /**
     * The line a release change under load ends with: {@code mixedSeconds} is how long nodes of two
     * releases served side by side. It passes only when nobody saw a request fail either.
     */
    public String releaseChangeLine(long mixedSeconds) {
        return String.format("failed-requests=%d lost=%d duplicated=%d carts-lost=%d mixed-seconds=%d", failedRequests(), lost,
                duplicated, cartsLost, mixedSeconds);
    }

    /** Late orders are not a failure: they are still on their way. */
    public boolean passed() {
        return lost == 0 && duplicated == 0 && cartsLost == 0;
    }

    /** The oldest late order and where it sits, or empty when none is late. */
    public Optional<String> oldestLateLine(Instant waitEnded) {
        return oldestLate.map(s -> String.format("oldest late order %s (%s), accepted %d s before the wait ended: %s",
                OrderIds.number(s.orderId()), s.orderId(),
                Duration.between(s.acceptedAt(), waitEnded).toSeconds(), s.whereabouts().describe()));
    }

    /** The verdict line every scenario ends with. */
    public String line() {
        return String.format(
                "lost=%d late=%d duplicated=%d accepted=%d settled=%d baked-twice=%d ready-twice=%d mailed-twice=%d unmailed=%d "
                        + "carts-lost=%d carts-checked=%d requests=%d ok=%d unavailable-503=%d refused-4xx=%d server-error=%d no-answer=%d",
                lost, late, duplicated, accepted, settled, bakedTwice, readyTwice, mailedTwice, unmailed, cartsLost,
                cartsChecked,
                requests(),
                outcomes.get(Outcome.OK), outcomes.get(Outcome.UNAVAILABLE), outcomes.get(Outcome.REFUSED),
                outcomes.get(Outcome.SERVER_ERROR), outcomes.get(Outcome.NO_ANSWER));
    }
}
