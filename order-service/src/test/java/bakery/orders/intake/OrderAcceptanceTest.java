package bakery.orders.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import bakery.contracts.BakeLine;
import bakery.contracts.Customer;
import bakery.contracts.OrderLine;
import bakery.contracts.OrderPlaced;
import bakery.contracts.OrderStatus;
import bakery.orders.catalog.CatalogEntry;
import bakery.orders.intake.OrderAcceptance.Verdict;

class OrderAcceptanceTest {

    private static final Map<String, CatalogEntry> CATALOG = Map.of(
            "croissant", new CatalogEntry("croissant", "Butter croissant", 180, 18),
            "baguette", new CatalogEntry("baguette", "Baguette tradition", 140, 25));

    private final OrderAcceptance acceptance = new OrderAcceptance(30, 50);

    @Test
    void acceptsAnOrderThatMatchesTheCatalogAndNamesItsLinesFromIt() {
        Verdict verdict = judge(List.of(new OrderLine("croissant", null, 2, 180), new OrderLine("baguette", "x", 1, 140)));

        assertThat(verdict.status()).isEqualTo(OrderStatus.ACCEPTED);
        assertThat(verdict.reason()).isNull();
        assertThat(verdict.totalCents()).isEqualTo(500);
        assertThat(verdict.lines()).extracting(OrderLine::name).containsExactly("Butter croissant", "Baguette tradition");
        assertThat(verdict.bakeLines()).containsExactly(new BakeLine("croissant", 2, 18), new BakeLine("baguette", 1, 25));
    }

    @Test
    void rejectsAnUnknownProduct() {
        assertRejected(List.of(new OrderLine("croissant", null, 1, 180), new OrderLine("stollen", "Stollen", 1, 900)),
                "line 2: unknown product 'stollen'");
    }

    @Test
    void rejectsAPriceThatNoLongerMatches() {
        assertRejected(List.of(new OrderLine("croissant", null, 1, 150)), "price 150 no longer matches the catalog price 180");
    }

    @Test
    void rejectsQuantitiesOutsideOneToFifty() {
        assertRejected(List.of(new OrderLine("croissant", null, 0, 180)), "quantity 0 is outside 1..50");
        assertRejected(List.of(new OrderLine("croissant", null, 51, 180)), "quantity 51 is outside 1..50");
        assertThat(judge(List.of(new OrderLine("croissant", null, 50, 180))).accepted()).isTrue();
    }

    @Test
    void rejectsAnEmptyOrder() {
        assertRejected(List.of(), "no lines");
    }

    @Test
    void rejectsMoreThanThirtyLines() {
        assertRejected(Collections.nCopies(31, new OrderLine("croissant", null, 1, 180)), "31 lines; at most 30");
        assertThat(judge(Collections.nCopies(30, new OrderLine("croissant", null, 1, 180))).accepted()).isTrue();
    }

    @Test
    void rejectsATotalThatDoesNotAddUp() {
        OrderPlaced order = new OrderPlaced(1, UUID.randomUUID(), "key", new Customer("Ana", "ana@example.org"),
                List.of(new OrderLine("croissant", null, 2, 180)), 180, null, Instant.now(), "web-1", null);
        Verdict verdict = acceptance.judge(order, CATALOG);
        assertThat(verdict.status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(verdict.reason()).contains("add up to 360");
        assertThat(verdict.rejection()).isEqualTo("total");
    }

    private Verdict judge(List<OrderLine> lines) {
        return acceptance.judge(OrderPlaced.of(UUID.randomUUID(), "key", new Customer("Ana", "ana@example.org"), lines,
                null, Instant.now(), "web-1"), CATALOG);
    }

    private void assertRejected(List<OrderLine> lines, String reason) {
        Verdict verdict = judge(lines);
        assertThat(verdict.status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(verdict.reason()).contains(reason);
        assertThat(verdict.totalCents()).isEqualTo(lines.stream().mapToLong(OrderLine::totalCents).sum());
    }
}
