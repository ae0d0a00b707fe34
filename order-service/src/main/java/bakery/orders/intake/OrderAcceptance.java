package bakery.orders.intake;

import static java.util.Collections.unmodifiableList;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import bakery.contracts.BakeLine;
import bakery.contracts.OrderLine;
import bakery.contracts.OrderPlaced;
import bakery.contracts.OrderStatus;
import bakery.orders.catalog.CatalogEntry;

/**
 * Decides whether the bakery takes an order: every product known, every price still today's
 * price, quantities within limits, not empty, not too long, and a total that adds up. Pure, so
 * every reason is a unit test; the first problem found is the reason the customer reads.
 */
public final class OrderAcceptance {

    /**
     * The decision, with the lines as the bakery records them (catalog names where known). {@code rejection}
     * names the kind of problem in one fixed word (for metrics); {@code reason} says it for the customer.
     */
    public record Verdict(OrderStatus status, String rejection, String reason, List<OrderLine> lines, List<Integer> bakeSeconds,
            long totalCents) {

        public boolean accepted() {
            return status == OrderStatus.ACCEPTED;
        }

        /** Oven time of line {@code index} (from 0), or null for a product the bakery does not know. */
        public Integer bakeSecondsOf(int index) {
            return bakeSeconds.get(index);
        }

        /** What the ovens get for an accepted order: one bake line per order line. */
        public List<BakeLine> bakeLines() {
            List<BakeLine> bake = new ArrayList<>(lines.size());
            for (int i = 0; i < lines.size(); i++) {
                bake.add(new BakeLine(lines.get(i).sku(), lines.get(i).quantity(), bakeSeconds.get(i)));
            }
            return bake;
        }
    }

    private final int maxLines;
    private final int maxQuantity;

    public OrderAcceptance(int maxLines, int maxQuantity) {
        this.maxLines = maxLines;
        this.maxQuantity = maxQuantity;
    }

    public Verdict judge(OrderPlaced order, Map<String, CatalogEntry> catalog) {
        List<OrderLine> lines = new ArrayList<>(order.lines().size());
        List<Integer> bakeSeconds = new ArrayList<>(order.lines().size());
        Problem problem = null;
        if (order.lines().isEmpty()) {
            problem = new Problem("empty", "the order has no lines");
        } else if (order.lines().size() > maxLines) {
            problem = new Problem("too-many-lines",
                    "the order has " + order.lines().size() + " lines; at most " + maxLines + " are allowed");
        }
        long total = 0;
        for (int i = 0; i < order.lines().size(); i++) {
            OrderLine line = order.lines().get(i);
            CatalogEntry product = catalog.get(line.sku());
            lines.add(new OrderLine(line.sku(), product != null ? product.name() : line.name(), line.quantity(),
                    line.unitPriceCents()));
            total += line.totalCents();
            if (problem == null) {
                problem = lineProblem(i + 1, line, product);
            }
            bakeSeconds.add(product != null ? product.bakeSeconds() : null);
        }
        if (problem == null && total != order.totalCents()) {
            problem = new Problem("total",
                    "the total " + order.totalCents() + " does not match the lines, which add up to " + total);
        }
        if (problem != null) {
            return new Verdict(OrderStatus.REJECTED, problem.kind(), problem.text(), List.copyOf(lines),
                    unmodifiableList(bakeSeconds),
                    order.totalCents());
        }
        return new Verdict(OrderStatus.ACCEPTED, null, null, List.copyOf(lines), unmodifiableList(bakeSeconds), total);
    }

    private record Problem(String kind, String text) {
    }

    private Problem lineProblem(int number, OrderLine line, CatalogEntry product) {
        if (product == null) {
            return new Problem("unknown-product", "line " + number + ": unknown product '" + line.sku() + "'");
        }
        if (line.quantity() < 1 || line.quantity() > maxQuantity) {
            return new Problem("quantity", "line " + number + " (" + product.name() + "): quantity " + line.quantity()
                    + " is outside 1.." + maxQuantity);
        }
        if (line.unitPriceCents() != product.priceCents()) {
            return new Problem("price", "line " + number + " (" + product.name() + "): price " + line.unitPriceCents()
                    + " no longer matches the catalog price " + product.priceCents());
        }
        return null;
    }
}
