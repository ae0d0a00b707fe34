package bakery.web.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.ws.rs.ServiceUnavailableException;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import org.junit.jupiter.api.Test;

import bakery.contracts.api.OrderPage;
import bakery.contracts.api.OrderView;
import bakery.contracts.api.OvenQueue;
import bakery.contracts.api.Product;

/** How a node's catalog copy behaves while order-service answers, fails, or is slow. */
class CatalogCopyTest {

    private static final Duration MAX_AGE = Duration.ofSeconds(30);
    private static final Duration STALE_IF_ERROR = Duration.ofMinutes(10);
    private static final Duration RETRY = Duration.ofSeconds(5);
    private static final List<Product> BREAD = List
            .of(new Product("sourdough", "Country sourdough", null, 550, 120, List.of("gluten")));
    private static final List<Product> PASTRY = List
            .of(new Product("croissant", "Butter croissant", null, 180, 60, List.of("gluten")));

    private final AtomicLong now = new AtomicLong();
    private final OrderService orderService = new OrderService();
    private final CatalogCopy catalog = new CatalogCopy(orderService, MAX_AGE, STALE_IF_ERROR, RETRY, now::get);

    @Test
    void aFreshCopyIsServedWithoutAskingOrderServiceAgain() {
        orderService.answers(BREAD);
        assertThat(products()).isEqualTo(BREAD);
        later(Duration.ofSeconds(29));
        assertThat(products()).isEqualTo(BREAD);
        assertThat(orderService.calls).hasValue(1);
    }

    @Test
    void anOldCopyIsServedAtOnceWhileOneFetchRefreshesIt() {
        orderService.answers(BREAD);
        products();
        later(Duration.ofSeconds(31));
        orderService.answers(PASTRY);

        assertThat(products()).as("served while the refresh runs").isEqualTo(BREAD);
        assertThat(products()).as("the refreshed copy").isEqualTo(PASTRY);
        assertThat(orderService.calls).hasValue(2);
    }

    @Test
    void whileOrderServiceCannotAnswerTheShopSellsFromItsCopyAndAsksAgainOnlyEveryRetryInterval() {
        orderService.answers(BREAD);
        products();
        orderService.fails();

        later(Duration.ofSeconds(31));
        for (int request = 0; request < 20; request++) {
            assertThat(products()).isEqualTo(BREAD);
        }
        assertThat(orderService.calls).as("one failed refresh, not one per request").hasValue(2);

        later(RETRY);
        assertThat(products()).isEqualTo(BREAD);
        assertThat(orderService.calls).hasValue(3);

        orderService.answers(PASTRY);
        later(RETRY);
        products();
        assertThat(products()).isEqualTo(PASTRY);
    }

    @Test
    void aCopyOlderThanTheStaleLimitIsNotSoldFrom() {
        orderService.answers(BREAD);
        products();
        orderService.fails();
        later(MAX_AGE.plus(STALE_IF_ERROR).plusSeconds(1));

        assertThatThrownBy(this::products).isInstanceOf(ServiceUnavailableException.class);
    }

    @Test
    void withoutAnyCopyTheCallerGetsOrderServicesFailure() {
        orderService.fails();
        assertThatThrownBy(this::products).isInstanceOf(ServiceUnavailableException.class);
        orderService.answers(BREAD);
        assertThat(products()).as("the next request asks again").isEqualTo(BREAD);
    }

    @Test
    void concurrentCallersShareOneFetch() {
        List<UniEmitter<? super List<Product>>> pending = new ArrayList<>();
        orderService.next = Uni.createFrom().emitter(pending::add);
        List<List<Product>> seen = new ArrayList<>();
        for (int caller = 0; caller < 5; caller++) {
            catalog.products().subscribe().with(seen::add);
        }
        assertThat(pending).hasSize(1);
        pending.get(0).complete(BREAD);
        assertThat(seen).hasSize(5).containsOnly(BREAD);
        assertThat(orderService.calls).hasValue(1);
    }

    private List<Product> products() {
        return catalog.products().await().atMost(Duration.ofSeconds(5));
    }

    private void later(Duration by) {
        now.addAndGet(by.toNanos());
    }

    /** Order-service's query API as the node sees it: answers or fails, and counts the calls. */
    private static final class OrderService implements OrderServiceClient {

        final AtomicInteger calls = new AtomicInteger();
        Uni<List<Product>> next;

        void answers(List<Product> products) {
            next = Uni.createFrom().item(products);
        }

        void fails() {
            next = Uni.createFrom().failure(new ServiceUnavailableException("order-service's database is down"));
        }

        @Override
        public Uni<List<Product>> catalog() {
            calls.incrementAndGet();
            return next;
        }

        @Override
        public Uni<OrderView> order(UUID id) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Uni<OvenQueue> ovenQueue() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Uni<OrderPage> active(int page, int size, String after) {
            throw new UnsupportedOperationException();
        }
    }
}
