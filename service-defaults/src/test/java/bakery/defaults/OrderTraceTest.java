package bakery.defaults;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import org.junit.jupiter.api.Test;

class OrderTraceTest {

    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String SPAN = "00f067aa0ba902b7";

    @Test
    void aTraceSurvivesARoundTripThroughItsTraceparent() {
        Context trace = Context.root()
                .with(Span.wrap(SpanContext.create(TRACE, SPAN, TraceFlags.getSampled(), TraceState.getDefault())));

        String stored = OrderTrace.traceparent(trace);

        assertThat(stored).isEqualTo("00-" + TRACE + "-" + SPAN + "-01");
        SpanContext back = Span.fromContext(OrderTrace.fromTraceparent(stored)).getSpanContext();
        assertThat(back.getTraceId()).isEqualTo(TRACE);
        assertThat(back.getSpanId()).isEqualTo(SPAN);
    }

    @Test
    void noTraceIsStoredAsNothing() {
        assertThat(OrderTrace.traceparent(Context.root())).isNull();
        assertThat(OrderTrace.fromTraceparent(null)).isNull();
        assertThat(OrderTrace.fromTraceparent("not a traceparent")).isNull();
    }
}
