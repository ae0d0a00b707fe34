package bakery.web.board;

import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Multi;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import bakery.contracts.api.OrderPage;
import bakery.contracts.api.OrderView;
import bakery.web.catalog.OrderServiceClient;

/** Every order still on the board (not picked up, cancelled or rejected), page by page from order-service. */
@ApplicationScoped
public class ActiveOrders {

    private final OrderServiceClient orderService;
    private final int pageSize;

    public ActiveOrders(@RestClient OrderServiceClient orderService,
            @ConfigProperty(name = "bakery.web.board.page-size") int pageSize) {
        this.orderService = orderService;
        this.pageSize = pageSize;
    }

    public Multi<OrderView> all() {
        return Multi.createBy().repeating()
                .uni(AtomicInteger::new, page -> orderService.active(page.getAndIncrement(), pageSize))
                .whilst(ActiveOrders::morePages)
                .onItem().transformToIterable(OrderPage::items);
    }

    private static boolean morePages(OrderPage page) {
        return page.items().size() == page.size() && (long) (page.page() + 1) * page.size() < page.total();
    }
}
