package bakery.defaults;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.smallrye.reactive.messaging.TracingMetadata;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.MDC;

/**
 * Carries an order's trace from the Kafka record that brought it to the records it causes. The
 * Kafka connector starts a span per incoming record (its parent is the {@code traceparent} header)
 * but does not make it current while the handler runs, so every hop passes it on explicitly:
 * {@link #of} the record in, {@link #continuing} on the record out, and {@link #traceparent} /
 * {@link #fromTraceparent} across a database row (order-service's outbox). {@link #follow} also
 * names the order and trace in the log context (MDC keys {@code orderId}, {@code traceId}, {@code spanId}).
 */
public final class OrderTrace {

    public static final String ORDER_ID = "orderId";
    public static final String TRACE_ID = "traceId";
    public static final String SPAN_ID = "spanId";

    private static final String TRACEPARENT = "traceparent";

    private static final TextMapGetter<Map<String, String>> MAP = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private OrderTrace() {
    }

    /** The trace a handled record belongs to: the connector's span for it, else whatever is current. */
    public static Context of(Message<?> record) {
        return TracingMetadata.fromMessage(record)
                .map(TracingMetadata::getCurrentContext)
                .filter(context -> context != null)
                .orElseGet(Context::current);
    }

    /** Puts the order and its trace in the log context of the work at hand; returns the trace. */
    public static Context follow(Message<?> record, UUID orderId) {
        Context trace = of(record);
        inLogs(orderId, trace);
        return trace;
    }

    /** Names the order and the trace in every log line written from here on in this work's context. */
    public static void inLogs(UUID orderId, Context trace) {
        if (orderId != null) {
            MDC.put(ORDER_ID, orderId.toString());
        }
        SpanContext span = trace == null ? SpanContext.getInvalid() : Span.fromContext(trace).getSpanContext();
        if (span.isValid()) {
            MDC.put(TRACE_ID, span.getTraceId());
            MDC.put(SPAN_ID, span.getSpanId());
        }
    }

    /** Forgets the order and trace of the log context, when one piece of work handled several orders. */
    public static void leaveLogs() {
        MDC.remove(ORDER_ID);
        MDC.remove(TRACE_ID);
        MDC.remove(SPAN_ID);
    }

    /** The outgoing message, marked so the Kafka connector writes it as the next step of {@code trace}. */
    public static <T> Message<T> continuing(Message<T> message, Context trace) {
        return trace == null ? message : message.addMetadata(TracingMetadata.withCurrent(trace));
    }

    /** The W3C {@code traceparent} of the trace, to keep beside work that leaves later; null without a trace. */
    public static String traceparent(Context trace) {
        if (trace == null || !Span.fromContext(trace).getSpanContext().isValid()) {
            return null;
        }
        Map<String, String> carrier = new HashMap<>();
        W3CTraceContextPropagator.getInstance().inject(trace, carrier, Map::put);
        return carrier.get(TRACEPARENT);
    }

    /** The trace a stored {@code traceparent} names, or null when there is none. */
    public static Context fromTraceparent(String traceparent) {
        if (traceparent == null || traceparent.isBlank()) {
            return null;
        }
        Context context = W3CTraceContextPropagator.getInstance()
                .extract(Context.root(), Map.of(TRACEPARENT, traceparent), MAP);
        return Span.fromContext(context).getSpanContext().isValid() ? context : null;
    }
}
