package bakery.web.board;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Multi;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import bakery.contracts.api.OrderPage;
import bakery.contracts.api.OrderView;
import bakery.web.catalog.OrderServiceClient;
import bakery.web.catalog.ReadAgain;

/**
 * Every order still on the board (not picked up, cancelled or rejected), page by page from order-service, oldest
 * first. Each page after the first is asked for as "after the last order read" (and by its number, for an
 * order-service of the release before), so orders that leave the board while the pages are read move nothing along
 * and no order still waiting is skipped.
 */
@ApplicationScoped
public class ActiveOrders {

    private final OrderServiceClient orderService;
    private final int pageSize;

    public ActiveOrders(@RestClient OrderServiceClient orderService,
            @ConfigProperty(name = "bakery.web.board.page-size") int pageSize) {
        this.orderService = orderService;
        this.pageSize = pageSize;
    }

    /** The active orders one by one. */
    public Multi<OrderView> all() {
        return pages().onItem().transformToIterable(orders -> orders);
    }

    /** The active orders a page at a time, as order-service sends them. */
    public Multi<List<OrderView>> pages() {
        return Multi.createBy().repeating()
                .uni(Reading::new,
                        reading -> ReadAgain.onAnotherNode(orderService.active(reading.page, pageSize, reading.after))
                                .invoke(reading::read))
                .whilst(page -> page.items().size() == page.size())
                .map(OrderPage::items);
    }

    /** Where the reading of the board has got to. */
    private static final class Reading {
        int page;
        String after;

        void read(OrderPage page) {
            this.page++;
            List<OrderView> items = page.items();
            if (!items.isEmpty()) {
                OrderView last = items.get(items.size() - 1);
                after = last.placedAt() + "," + last.orderId();
            }
        }
    }
}
