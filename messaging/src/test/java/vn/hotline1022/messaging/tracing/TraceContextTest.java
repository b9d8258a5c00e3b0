package vn.hotline1022.messaging.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;

class TraceContextTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String SPAN_ID = "00f067aa0ba902b7";
    private static final String TRACEPARENT = "00-" + TRACE_ID + "-" + SPAN_ID + "-01";

    @Test
    void theCurrentSpanIsCapturedAsW3cText() {
        SpanContext span = SpanContext.create(TRACE_ID, SPAN_ID, TraceFlags.getSampled(), TraceState.getDefault());
        try (Scope ignored = Context.root().with(Span.wrap(span)).makeCurrent()) {
            assertThat(TraceContext.current()).isEqualTo(new TraceContext(TRACEPARENT, null));
        }
        assertThat(TraceContext.current()).as("outside any span").isNull();
    }

    @Test
    void headersCarryBothTheW3cAndTheCloudEventsNamesAndReadBack() {
        Headers headers = new RecordHeaders();
        new TraceContext(TRACEPARENT, "congo=t61rcWkgMzE").addTo(headers);

        assertThat(text(headers, "traceparent")).isEqualTo(TRACEPARENT);
        assertThat(text(headers, "ce_traceparent")).isEqualTo(TRACEPARENT);
        assertThat(text(headers, "tracestate")).isEqualTo("congo=t61rcWkgMzE");
        assertThat(text(headers, "ce_tracestate")).isEqualTo("congo=t61rcWkgMzE");
        assertThat(TraceContext.fromHeaders(headers)).isEqualTo(new TraceContext(TRACEPARENT, "congo=t61rcWkgMzE"));

        Headers cloudEventsOnly = new RecordHeaders();
        cloudEventsOnly.add("ce_traceparent", TRACEPARENT.getBytes(StandardCharsets.UTF_8));
        assertThat(TraceContext.fromHeaders(cloudEventsOnly)).isEqualTo(new TraceContext(TRACEPARENT, null));
        assertThat(TraceContext.fromHeaders(new RecordHeaders())).isNull();
    }

    @Test
    void aStoredContextResumesAsTheRemoteParent() {
        SpanContext parent = Span.fromContext(TraceContext.parent(TRACEPARENT, null)).getSpanContext();
        assertThat(parent.isRemote()).isTrue();
        assertThat(parent.getTraceId()).isEqualTo(TRACE_ID);
        assertThat(parent.getSpanId()).isEqualTo(SPAN_ID);
        assertThat(parent.isSampled()).isTrue();

        assertThat(Span.fromContext(TraceContext.parent(null, null)).getSpanContext().isValid()).isFalse();
        assertThat(new TraceContext("not-a-traceparent", null).spanContext().isValid()).isFalse();
    }

    private static String text(Headers headers, String name) {
        return new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
