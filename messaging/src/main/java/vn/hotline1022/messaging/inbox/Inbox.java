package vn.hotline1022.messaging.inbox;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.quarkus.narayana.jta.QuarkusTransaction;
import vn.hotline1022.events.EventJson;
import vn.hotline1022.events.EventType;
import vn.hotline1022.events.HotlineEvent;
import vn.hotline1022.messaging.MessagingConfig;
import vn.hotline1022.messaging.sql.Jdbc;
import vn.hotline1022.messaging.cloudevents.CloudEventHeaders;
import vn.hotline1022.messaging.tracing.TraceContext;
import vn.hotline1022.messaging.tracing.Tracing;

/**
 * Runs a consumer's handler at most once per event id, in the same transaction as the handler's own writes: the
 * event id is inserted into the inbox table first, and a redelivered event finds it there and is skipped.
 *
 * <p>The failure convention for every incoming channel: a message that cannot be decoded throws
 * {@link PoisonMessageException} at once; a handler that fails is retried a bounded number of times, each attempt in a
 * fresh transaction, then {@link HandlerFailedException} is thrown. Either way the channel's
 * {@code failure-strategy=dead-letter-queue} moves the message to {@code <topic>.<consumer>.dlq} and the consumer goes
 * on with the next message.
 *
 * <p>Each event is handled in a span of the trace in which its sender wrote it (the record's {@code traceparent}), so
 * that the events the handler publishes through the outbox continue that trace.
 *
 * <pre>
 * &#64;Incoming("intake-events")
 * &#64;Blocking
 * void onIntakeEvent(ConsumerRecord&lt;String, String&gt; record) {
 *     inbox.process(record, handlers); // EventHandlers.create().on(CallReceived.class, allocator::onCallReceived)
 * }
 * </pre>
 */
@ApplicationScoped
public class Inbox {

    private static final Logger LOG = Logger.getLogger(Inbox.class);
    private static final String CLAIM = """
            insert into messaging_inbox (consumer, event_id, ce_type, record_key) values (?, ?, ?, ?)
            on conflict do nothing
            """;

    private static final AttributeKey<String> MESSAGING_SYSTEM = AttributeKey.stringKey("messaging.system");
    private static final AttributeKey<String> DESTINATION = AttributeKey.stringKey("messaging.destination.name");
    private static final AttributeKey<String> CONSUMER_GROUP = AttributeKey.stringKey("messaging.consumer.group.name");
    private static final AttributeKey<String> EVENT_ID = AttributeKey.stringKey("cloudevents.event_id");
    private static final AttributeKey<String> EVENT_TYPE = AttributeKey.stringKey("cloudevents.event_type");

    @Inject
    Jdbc jdbc;

    @Inject
    Tracing tracing;

    @Inject
    MessagingConfig config;

    @Inject
    ShutdownGate gate;

    @ConfigProperty(name = "quarkus.application.name")
    String applicationName;

    /** Handles {@code record} as this application (the consumer name is {@code quarkus.application.name}). */
    public Outcome process(ConsumerRecord<String, String> record, Set<EventType> wanted, EventHandler handler) {
        return process(applicationName, record, wanted, handler);
    }

    /** Handles {@code record} with the handler its event class is registered to, if any. */
    public Outcome process(ConsumerRecord<String, String> record, EventHandlers handlers) {
        return process(applicationName, record, handlers.wanted(), handlers::handle);
    }

    /** What happened to a message; useful for metrics and tests. */
    public enum Outcome {
        HANDLED, DUPLICATE, NOT_WANTED
    }

    public Outcome process(String consumer, ConsumerRecord<String, String> record, Set<EventType> wanted,
            EventHandler handler) {
        ReceivedEvent event = decode(record, wanted);
        if (event == null) {
            return Outcome.NOT_WANTED;
        }
        if (!gate.enter()) {
            ShutdownGate.holdUntilExit(); // stopping: the next reader of the partition handles it
        }
        try {
            // The handler runs in a span of the sender's trace: what it publishes through the outbox stays in it.
            return tracing.inSpan("process " + record.topic(), SpanKind.CONSUMER, parentOf(record.headers()),
                    Attributes.of(MESSAGING_SYSTEM, "kafka", DESTINATION, record.topic(), CONSUMER_GROUP, consumer,
                            EVENT_ID, event.id().toString(), EVENT_TYPE, event.type().ceType()),
                    () -> handle(consumer, event, handler));
        } finally {
            gate.exit();
        }
    }

    /**
     * The sender's context from the record's headers. SmallRye's own consumer span, where it is current here, is a
     * child of it; then it is the parent instead. Without a trace context in the record, a trace starts here.
     */
    static Context parentOf(Headers headers) {
        TraceContext sent = TraceContext.fromHeaders(headers);
        if (sent == null) {
            return Context.root();
        }
        Context current = Context.current();
        SpanContext currentSpan = Span.fromContext(current).getSpanContext();
        return currentSpan.isValid() && currentSpan.getTraceId().equals(sent.spanContext().getTraceId()) ? current
                : sent.toContext();
    }

    private Outcome handle(String consumer, ReceivedEvent event, EventHandler handler) {
        int attempts = config.inbox().maxAttempts();
        for (int attempt = 1;; attempt++) {
            try {
                boolean handled = QuarkusTransaction.requiringNew().call(() -> claimAndHandle(consumer, event, handler));
                return handled ? Outcome.HANDLED : Outcome.DUPLICATE;
            } catch (RuntimeException e) {
                Throwable cause = e instanceof io.quarkus.narayana.jta.QuarkusTransactionException && e.getCause() != null
                        ? e.getCause()
                        : e;
                if (gate.stopping()) {
                    // Most likely the database closing under a stopping service: not the event's fault.
                    LOG.warnf("%s failed while stopping, left for the next reader of its partition: %s", event, cause);
                    gate.exit();
                    ShutdownGate.holdUntilExit();
                }
                if (attempt >= attempts) {
                    LOG.errorf("%s failed %d times, sending it to the dead-letter topic: %s", event, attempt, cause);
                    throw new HandlerFailedException(
                            consumer + " failed " + attempt + " times on " + event.type().ceType() + " " + event.id()
                                    + ": " + cause,
                            cause);
                }
                LOG.warnf("%s failed (attempt %d of %d), retrying: %s", event, attempt, attempts, cause);
                pause(attempt);
            }
        }
    }

    private boolean claimAndHandle(String consumer, ReceivedEvent event, EventHandler handler) throws Exception {
        int claimed = jdbc.update(CLAIM, consumer, event.id(), event.type().ceType(), event.key());
        if (claimed == 0) {
            LOG.debugf("%s already handled by %s, skipped", event, consumer);
            return false;
        }
        handler.handle(event);
        return true;
    }

    private static ReceivedEvent decode(ConsumerRecord<String, String> record, Set<EventType> wanted) {
        CloudEventHeaders.Attributes ce;
        try {
            ce = CloudEventHeaders.fromHeaders(record.headers());
        } catch (IllegalArgumentException e) {
            throw poison(record, e.getMessage(), e);
        }
        EventType type = EventType.fromCeType(ce.type())
                .orElseThrow(() -> poison(record, "unknown event type " + ce.type(), null));
        if (!wanted.contains(type)) {
            return null;
        }
        // Trust boundary: only the owning service publishes on its topic, under its own source. An event that claims
        // another owner (a forged or misrouted message) is never acted on.
        if (!type.source().equals(ce.source())) {
            throw poison(record, ce.type() + " must come from " + type.source() + ", not from " + ce.source(), null);
        }
        if (!type.topic().equals(record.topic())) {
            throw poison(record, ce.type() + " belongs on " + type.topic() + ", not on " + record.topic(), null);
        }
        if (record.value() == null) {
            throw poison(record, "no data for " + ce.type(), null);
        }
        HotlineEvent data;
        try {
            data = EventJson.fromJson(record.value(), type);
        } catch (RuntimeException e) {
            // The message text of a JSON error can quote the data (personal data): keep only its kind.
            throw poison(record, "data is not a valid " + type.ceType() + " (" + e.getClass().getSimpleName() + ")",
                    null);
        }
        return new ReceivedEvent(ce.id(), type, ce.source(), ce.time(), record.key(), data, record.topic(),
                record.partition(), record.offset());
    }

    private static PoisonMessageException poison(ConsumerRecord<?, ?> record, String reason, Throwable cause) {
        LOG.errorf("Poison message at %s/%d@%d, sending it to the dead-letter topic: %s", record.topic(),
                record.partition(), record.offset(), reason);
        return new PoisonMessageException(reason, cause);
    }

    private void pause(int attempt) {
        try {
            Thread.sleep(config.inbox().retryBackoff().toMillis() * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted between attempts", e);
        }
    }
}
