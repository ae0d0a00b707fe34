package bakery.load.chaos;

import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import bakery.contracts.BakeEvent;
import bakery.contracts.OrderIds;
import bakery.contracts.OrderStatus;
import bakery.contracts.OrderStatusChanged;

/**
 * What a chaos scenario did to the customers. An order is <em>settled</em> once the bakery finished
 * with it on its own (READY, or REJECTED/CANCELLED; PICKED_UP needs staff); <em>lost</em> is an
 * order that got a 202 and never settled; <em>duplicated</em> counts orders baked twice (two
 * different BakeFinished), moved to READY twice (two READY transitions) or e-mailed twice about the
 * same status. In each, the same event sent again is not a second one.
 */
public record Verdict(int accepted, int settled, int lost, int duplicated, int bakedTwice, int readyTwice, int mailedTwice,
        int unmailed, int cartsChecked, int cartsLost, Map<Outcome, Long> outcomes) {

    static final Set<OrderStatus> SETTLED = EnumSet.of(OrderStatus.READY, OrderStatus.PICKED_UP, OrderStatus.REJECTED,
            OrderStatus.CANCELLED);
    static final Set<OrderStatus> MAILED = EnumSet.of(OrderStatus.READY, OrderStatus.REJECTED, OrderStatus.CANCELLED);

    public static Verdict of(Set<UUID> accepted, Collection<OrderStatusChanged> changes, Collection<BakeEvent> bakes,
            Collection<Mails.Mail> mails, List<CartCheck> carts, Map<Outcome, Long> outcomes) {
        Map<UUID, Set<OrderStatus>> reached = new HashMap<>();
        Map<UUID, Set<Long>> readyVersions = new HashMap<>();
        for (OrderStatusChanged c : changes) {
            if (accepted.contains(c.orderId())) {
                reached.computeIfAbsent(c.orderId(), id -> EnumSet.noneOf(OrderStatus.class)).add(c.status());
                if (c.status() == OrderStatus.READY) {
                    readyVersions.computeIfAbsent(c.orderId(), id -> new HashSet<>()).add(c.version());
                }
            }
        }
        Set<UUID> settled = accepted.stream()
                .filter(id -> reached.getOrDefault(id, Set.of()).stream().anyMatch(SETTLED::contains))
                .collect(Collectors.toSet());
        // Different BakeFinished events: the same event sent again (a baker that died before marking
        // the order baked, its successor re-sending the written-down event) is not a second bake.
        Map<UUID, Long> finished = bakes.stream()
                .filter(b -> b.stage() == BakeEvent.Stage.FINISHED && accepted.contains(b.orderId()))
                .distinct()
                .collect(Collectors.groupingBy(BakeEvent::orderId, Collectors.counting()));
        Set<UUID> bakedTwice = ids(finished, n -> n > 1);
        Set<UUID> readyTwice = readyVersions.entrySet().stream().filter(e -> e.getValue().size() > 1).map(Map.Entry::getKey)
                .collect(Collectors.toSet());

        Map<String, UUID> byNumber = new HashMap<>();
        accepted.forEach(id -> byNumber.put(OrderIds.number(id), id));
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
        return new Verdict(accepted.size(), settled.size(), accepted.size() - settled.size(), duplicated.size(),
                bakedTwice.size(), readyTwice.size(), mailedTwice.size(), unmailed,
                carts.size(), (int) carts.stream().filter(c -> !c.intact()).count(), counted);
    }

    private static Set<UUID> ids(Map<UUID, Long> counts, java.util.function.LongPredicate test) {
        return counts.entrySet().stream().filter(e -> test.test(e.getValue())).map(Map.Entry::getKey)
                .collect(Collectors.toSet());
    }

    public long requests() {
        return outcomes.values().stream().mapToLong(Long::longValue).sum();
    }

    public boolean passed() {
        return lost == 0 && duplicated == 0 && cartsLost == 0;
    }

    /** The verdict line every scenario ends with. */
    public String line() {
        return String.format(
                "lost=%d duplicated=%d accepted=%d settled=%d baked-twice=%d ready-twice=%d mailed-twice=%d unmailed=%d "
                        + "carts-lost=%d carts-checked=%d requests=%d ok=%d unavailable-503=%d refused-4xx=%d server-error=%d no-answer=%d",
                lost, duplicated, accepted, settled, bakedTwice, readyTwice, mailedTwice, unmailed, cartsLost, cartsChecked,
                requests(),
                outcomes.get(Outcome.OK), outcomes.get(Outcome.UNAVAILABLE), outcomes.get(Outcome.REFUSED),
                outcomes.get(Outcome.SERVER_ERROR), outcomes.get(Outcome.NO_ANSWER));
    }
}
