package vn.hotline1022.messaging.tracing;

import java.util.function.Supplier;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;

/**
 * Runs work in a span of its own under a given parent, the span being current while it runs: whatever the work
 * publishes through the outbox then carries that trace on ({@link TraceContext#current()}).
 */
@ApplicationScoped
public class Tracing {

    /** The instrumentation scope of the spans this library starts. */
    static final String SCOPE = "vn.hotline1022.messaging";

    @Inject
    OpenTelemetry openTelemetry;

    private Tracer tracer;

    @PostConstruct
    void init() {
        tracer = openTelemetry.getTracer(SCOPE);
    }

    /** Runs {@code work} in a new span, child of {@code parent}; a failure is recorded on the span and rethrown. */
    public <T> T inSpan(String name, SpanKind kind, Context parent, Attributes attributes, Supplier<T> work) {
        Span span = tracer.spanBuilder(name).setParent(parent).setSpanKind(kind).setAllAttributes(attributes)
                .startSpan();
        try (Scope ignored = span.makeCurrent()) {
            return work.get();
        } catch (RuntimeException | Error e) {
            span.recordException(e);
            span.setStatus(StatusCode.ERROR);
            throw e;
        } finally {
            span.end();
        }
    }

    /** {@link #inSpan} for work without a result. */
    public void run(String name, SpanKind kind, Context parent, Attributes attributes, Runnable work) {
        inSpan(name, kind, parent, attributes, () -> {
            work.run();
            return null;
        });
    }
}
