package bakery.web.cart;

import java.util.List;

/** The cart as a customer sees it: current catalog prices, line totals and the sum, in cents. */
public record PricedCart(List<Line> lines, long totalCents, int itemCount) {

    public record Line(String sku, String name, int quantity, long unitPriceCents, long lineTotalCents,
            List<String> allergens) {
    }

    public static PricedCart of(List<Line> lines) {
        return new PricedCart(lines,
                lines.stream().mapToLong(Line::lineTotalCents).sum(),
                lines.stream().mapToInt(Line::quantity).sum());
    }

    public boolean isEmpty() {
        return lines.isEmpty();
    }
}
