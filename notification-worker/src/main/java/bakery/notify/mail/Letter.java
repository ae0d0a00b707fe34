package bakery.notify.mail;

import java.text.NumberFormat;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Currency;
import java.util.List;
import java.util.Set;

import bakery.contracts.OrderIds;
import bakery.contracts.OrderLine;
import bakery.contracts.OrderStatus;
import bakery.contracts.OrderStatusChanged;

/**
 * What the customer reads about one status change of their order, ready for the template: every
 * value already formatted for a person (short order number, money, local pickup time).
 */
public record Letter(
        OrderStatus status,
        String to,
        String subject,
        String customerName,
        String orderNumber,
        String orderId,
        List<Item> items,
        String total,
        String pickupAt,
        String reason,
        String shopName) {

    /** The statuses a customer is told about by e-mail. */
    public static final Set<OrderStatus> TOLD = Set.of(OrderStatus.READY, OrderStatus.REJECTED, OrderStatus.CANCELLED);

    public record Item(int quantity, String name, String price) {
    }

    public static boolean isTold(OrderStatus status) {
        return TOLD.contains(status);
    }

    public static Letter about(OrderStatusChanged change, NotifyConfig config) {
        NumberFormat money = NumberFormat.getCurrencyInstance(config.locale());
        money.setCurrency(Currency.getInstance(config.currency()));
        String number = OrderIds.number(change.orderId());
        List<Item> items = change.lines().stream()
                .map(line -> new Item(line.quantity(), nameOf(line), money.format(line.totalCents() / 100.0)))
                .toList();
        String pickup = change.pickupAt() == null ? null
                : DateTimeFormatter.ofLocalizedDateTime(FormatStyle.FULL, FormatStyle.SHORT)
                        .withLocale(config.locale())
                        .format(change.pickupAt().atZone(config.zone()));
        return new Letter(change.status(), change.customer().email(), subject(change.status(), number, config.shopName()),
                change.customer().name(), number, change.orderId().toString(), items, money.format(change.totalCents() / 100.0),
                pickup, change.reason(), config.shopName());
    }

    private static String nameOf(OrderLine line) {
        return line.name() == null || line.name().isBlank() ? line.sku() : line.name();
    }

    private static String subject(OrderStatus status, String number, String shop) {
        return switch (status) {
            case READY -> "Your " + shop + " order " + number + " is ready for pickup";
            case REJECTED -> "We could not accept your " + shop + " order " + number;
            case CANCELLED -> "Your " + shop + " order " + number + " has been cancelled";
            default -> throw new IllegalArgumentException("customers are not e-mailed about " + status);
        };
    }
}
