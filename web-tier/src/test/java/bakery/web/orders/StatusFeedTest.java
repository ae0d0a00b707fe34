package bakery.web.orders;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import bakery.contracts.OrderStatus;
import bakery.contracts.OrderStatusChanged;
import bakery.contracts.Topics;
import bakery.contracts.serde.EventSerializer;
import bakery.contracts.serde.OrderStatusChangedDeserializer;
import bakery.web.SampleOrders;

class StatusFeedTest {

    private final List<String> decoded = new ArrayList<>();
    private final StatusFeed feed = new StatusFeed(16, new OrderStatusChangedDeserializer() {
        @Override
        public OrderStatusChanged deserialize(String topic, byte[] data) {
            decoded.add(new String(data, StandardCharsets.UTF_8));
            return super.deserialize(topic, data);
        }
    });

    @Test
    void nobodyWatchingMeansNothingIsDecoded() {
        feed.receive(record(UUID.randomUUID(), OrderStatus.ACCEPTED));

        assertThat(decoded).isEmpty();
    }

    @Test
    void aCustomersPageGetsItsOwnOrderAndTheOthersAreNotEvenDecoded() {
        UUID mine = UUID.randomUUID();
        UUID theirs = UUID.randomUUID();
        AssertSubscriber<OrderStatusChanged> page = feed.updatesOf(mine).subscribe()
                .withSubscriber(AssertSubscriber.create(10));

        feed.receive(record(theirs, OrderStatus.ACCEPTED));
        feed.receive(record(mine, OrderStatus.ACCEPTED));
        feed.receive(record(mine, OrderStatus.READY));

        assertThat(page.getItems()).extracting(OrderStatusChanged::status).containsExactly(OrderStatus.ACCEPTED,
                OrderStatus.READY);
        assertThat(decoded).hasSize(2);
    }

    @Test
    void aBoardGetsEveryOrderAndAClosedPageStopsTheDecoding() {
        AssertSubscriber<OrderStatusChanged> board = feed.updates().subscribe().withSubscriber(AssertSubscriber.create(10));
        feed.receive(record(UUID.randomUUID(), OrderStatus.ACCEPTED));
        feed.receive(record(UUID.randomUUID(), OrderStatus.BAKING));
        assertThat(board.getItems()).hasSize(2);

        board.cancel();
        feed.receive(record(UUID.randomUUID(), OrderStatus.READY));

        assertThat(decoded).hasSize(2);
    }

    @Test
    void twoPagesOnOneOrderKeepItWatchedUntilBothClose() {
        UUID order = UUID.randomUUID();
        AssertSubscriber<OrderStatusChanged> first = feed.updatesOf(order).subscribe()
                .withSubscriber(AssertSubscriber.create(10));
        AssertSubscriber<OrderStatusChanged> second = feed.updatesOf(order).subscribe()
                .withSubscriber(AssertSubscriber.create(10));

        first.cancel();
        feed.receive(record(order, OrderStatus.ACCEPTED));
        second.cancel();
        feed.receive(record(order, OrderStatus.READY));

        assertThat(second.getItems()).extracting(OrderStatusChanged::status).containsExactly(OrderStatus.ACCEPTED);
        assertThat(decoded).hasSize(1);
    }

    @Test
    void anUnreadableRecordIsSkippedAndTheNextOneStillArrives() {
        UUID order = UUID.randomUUID();
        AssertSubscriber<OrderStatusChanged> page = feed.updatesOf(order).subscribe()
                .withSubscriber(AssertSubscriber.create(10));

        feed.receive(new ConsumerRecord<>(Topics.ORDERS_STATUS, 0, 0, order.toString(),
                "{not json".getBytes(StandardCharsets.UTF_8)));
        feed.receive(record(order, OrderStatus.ACCEPTED));

        assertThat(page.getItems()).extracting(OrderStatusChanged::status).containsExactly(OrderStatus.ACCEPTED);
        page.assertNotTerminated();
    }

    private static ConsumerRecord<String, byte[]> record(UUID order, OrderStatus status) {
        OrderStatusChanged event = SampleOrders.statusChanged(order.toString(), status, 1);
        return new ConsumerRecord<>(Topics.ORDERS_STATUS, 0, 0, event.key(),
                new EventSerializer().serialize(Topics.ORDERS_STATUS, event));
    }
}
