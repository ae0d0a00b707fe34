package bakery.contracts.api;

import java.util.List;

/** One page of orders (GET /orders/active?page=0&size=50), oldest placed first. */
public record OrderPage(List<OrderView> items, int page, int size, long total) {
}
