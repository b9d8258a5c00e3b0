package vn.hotline1022.messaging.tracing;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import org.apache.kafka.common.header.Headers;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import vn.hotline1022.messaging.cloudevents.CloudEventHeaders;

/**
 * A W3C trace context as text ({@code traceparent}, optional {@code tracestate}), so that it can wait in a table with
 * the work it belongs to (an outbox row, a notice to send) and be resumed by another thread, process or service.
 *
 * @param traceparent {@code 00-<trace id>-<span id>-<flags>}
 * @param tracestate  vendor data, usually null
 */
public record TraceContext(String traceparent, String tracestate) {

    /** The W3C header names, as OpenTelemetry's and SmallRye's Kafka instrumentation read them. */
    public static final String TRACEPARENT = "traceparent";
    public static final String TRACESTATE = "tracestate";

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

    public TraceContext {
        Objects.requireNonNull(traceparent, "traceparent");
    }

    /** The current span's context, or null outside any span. */
    public static TraceContext current() {
        Map<String, String> carrier = new HashMap<>();
        W3CTraceContextPropagator.getInstance().inject(Context.current(), carrier, Map::put);
        return of(carrier.get(TRACEPARENT), carrier.get(TRACESTATE));
    }

    /** Null without a {@code traceparent}. */
    public static TraceContext of(String traceparent, String tracestate) {
        return traceparent == null || traceparent.isBlank() ? null
                : new TraceContext(traceparent, tracestate == null || tracestate.isBlank() ? null : tracestate);
    }

    /** From a record's W3C headers, else from its CloudEvents tracing extension; null if it has neither. */
    public static TraceContext fromHeaders(Headers headers) {
        TraceContext w3c = of(get(headers, TRACEPARENT), get(headers, TRACESTATE));
        return w3c != null ? w3c
                : of(get(headers, CloudEventHeaders.TRACEPARENT), get(headers, CloudEventHeaders.TRACESTATE));
    }

    /** The context to start a span in for work asked for under {@code traceparent}: that trace, else a new one. */
    public static Context parent(String traceparent, String tracestate) {
        TraceContext t = of(traceparent, tracestate);
        return t == null ? Context.root() : t.toContext();
    }

    /** Adds the W3C headers and the CloudEvents extension's (Kafka binary mode: {@code ce_} prefix). */
    public void addTo(Headers headers) {
        put(headers, TRACEPARENT, traceparent);
        put(headers, CloudEventHeaders.TRACEPARENT, traceparent);
        if (tracestate != null) {
            put(headers, TRACESTATE, tracestate);
            put(headers, CloudEventHeaders.TRACESTATE, tracestate);
        }
    }

    /** A context whose remote parent span is this one; the root context if {@code traceparent} is malformed. */
    public Context toContext() {
        Map<String, String> carrier = new HashMap<>();
        carrier.put(TRACEPARENT, traceparent);
        if (tracestate != null) {
            carrier.put(TRACESTATE, tracestate);
        }
        return W3CTraceContextPropagator.getInstance().extract(Context.root(), carrier, MAP);
    }

    /** The span this context names; invalid if {@code traceparent} is malformed. */
    public SpanContext spanContext() {
        return Span.fromContext(toContext()).getSpanContext();
    }

    private static String get(Headers headers, String name) {
        return CloudEventHeaders.get(headers, name);
    }

    private static void put(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
