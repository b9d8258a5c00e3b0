package vn.hotline1022.messaging.inbox;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import jakarta.annotation.PreDestroy;

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
import io.quarkus.narayana.jta.QuarkusTransactionException;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import vn.hotline1022.events.EventType;
import vn.hotline1022.messaging.MessagingConfig;
import vn.hotline1022.messaging.sql.Jdbc;
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
 * <p>Services read their channels in batches ({@link #process(KafkaRecordBatch, EventHandlers)}): the events of a
 * batch are handled in one transaction, each still claimed in the inbox on its own, so a poll of a hundred events
 * costs one commit instead of a hundred. A handler that fails in a batch does not fail the others: the events before
 * it are committed together, it is retried alone, and the rest go on in a batch of their own ({@link BatchRun}).
 *
 * <pre>
 * &#64;Incoming("intake-events")
 * &#64;Blocking
 * CompletionStage&lt;Void&gt; onIntakeEvents(KafkaRecordBatch&lt;String, String&gt; batch) {
 *     return inbox.process(batch, handlers); // EventHandlers.create().on(CallReceived.class, allocator::onCallReceived)
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

    @Inject
    jakarta.enterprise.inject.Instance<BetweenEvents> betweenEventsBeans;

    /** Resolved once: the lookup is not redone for every event of every batch. */
    private volatile List<BetweenEvents> betweenEvents;

    private volatile ExecutorService partitionWorkers;

    /** Handles {@code record} as this application (the consumer name is {@code quarkus.application.name}). */
    public Outcome process(ConsumerRecord<String, String> record, Set<EventType> wanted, EventHandler handler) {
        return process(applicationName, record, wanted, handler);
    }

    /** Handles {@code record} with the handler its event class is registered to, if any. */
    public Outcome process(ConsumerRecord<String, String> record, EventHandlers handlers) {
        return process(applicationName, record, handlers.wanted(), handlers::handle);
    }

    /**
     * Handles a batch of records as this application: one transaction for the batch, the inbox claim, the retries and
     * the dead-letter topic per record. Returns once every record is handled or dead-lettered and the batch is
     * acknowledged; it never fails the channel for one record.
     */
    public CompletionStage<Void> process(KafkaRecordBatch<String, String> batch, EventHandlers handlers) {
        return process(batch, handlers.wanted(), handlers::handle);
    }

    /** {@link #process(KafkaRecordBatch, EventHandlers)} with one handler for all {@code wanted} types. */
    public CompletionStage<Void> process(KafkaRecordBatch<String, String> batch, Set<EventType> wanted,
            EventHandler handler) {
        new BatchRun(this, applicationName, handler, config.inbox().maxAttempts()).run(batch, wanted);
        return CompletableFuture.completedFuture(null);
    }

    /**
     * The threads that handle a batch's other partitions while the consumer's thread handles the first; null when
     * partitions are handled one at a time.
     */
    ExecutorService partitionWorkers() {
        int threads = config.inbox().partitionConcurrency() - 1;
        if (threads < 1) {
            return null;
        }
        if (partitionWorkers == null) {
            synchronized (this) {
                if (partitionWorkers == null) {
                    AtomicInteger n = new AtomicInteger();
                    partitionWorkers = Executors.newFixedThreadPool(threads, r -> {
                        Thread t = new Thread(r, "inbox-partition-" + n.incrementAndGet());
                        t.setDaemon(true);
                        return t;
                    });
                }
            }
        }
        return partitionWorkers;
    }

    @PreDestroy
    void stopWorkers() {
        if (partitionWorkers != null) {
            partitionWorkers.shutdown();
        }
    }

    /** What happened to a message; useful for metrics and tests. */
    public enum Outcome {
        HANDLED, DUPLICATE, NOT_WANTED
    }

    public Outcome process(String consumer, ConsumerRecord<String, String> record, Set<EventType> wanted,
            EventHandler handler) {
        ReceivedEvent event = EventDecoder.decode(record, wanted);
        if (event == null) {
            return Outcome.NOT_WANTED;
        }
        enterOrHold();
        try {
            return inSpan(consumer, record, event, () -> handle(consumer, event, handler, 1));
        } finally {
            gate.exit();
        }
    }

    /** Before handling: a stopping service handles nothing more, the next reader of the partition does. */
    void enterOrHold() {
        if (!gate.enter()) {
            ShutdownGate.holdUntilExit();
        }
    }

    void exit() {
        gate.exit();
    }

    /** Runs {@code work} in a span of the sender's trace: what the handler publishes through the outbox stays in it. */
    <T> T inSpan(String consumer, ConsumerRecord<String, String> record, ReceivedEvent event, Supplier<T> work) {
        return tracing.inSpan("process " + record.topic(), SpanKind.CONSUMER, parentOf(record.headers()),
                Attributes.of(MESSAGING_SYSTEM, "kafka", DESTINATION, record.topic(), CONSUMER_GROUP, consumer,
                        EVENT_ID, event.id().toString(), EVENT_TYPE, event.type().ceType()),
                work);
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

    /**
     * Handles one event in a transaction of its own, retrying up to the configured attempts; {@code firstAttempt} is 2
     * when a batch already tried it once. Throws {@link HandlerFailedException} when every attempt failed.
     */
    Outcome handle(String consumer, ReceivedEvent event, EventHandler handler, int firstAttempt) {
        int attempts = config.inbox().maxAttempts();
        for (int attempt = firstAttempt;; attempt++) {
            try {
                boolean handled = QuarkusTransaction.requiringNew().call(() -> claimAndHandle(consumer, event, handler));
                return handled ? Outcome.HANDLED : Outcome.DUPLICATE;
            } catch (RuntimeException e) {
                Throwable cause = unwrap(e);
                holdIfStopping(event, cause);
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

    /** A failure while stopping is most likely the database closing under the service: not the event's fault. */
    void holdIfStopping(Object what, Throwable cause) {
        if (gate.stopping()) {
            LOG.warnf("%s failed while stopping, left for the next reader of its partition: %s", what, cause);
            gate.exit();
            ShutdownGate.holdUntilExit();
        }
    }

    static Throwable unwrap(RuntimeException e) {
        return e instanceof QuarkusTransactionException && e.getCause() != null ? e.getCause() : e;
    }

    boolean claimAndHandle(String consumer, ReceivedEvent event, EventHandler handler) throws Exception {
        int claimed = jdbc.update(CLAIM, consumer, event.id(), event.type().ceType(), event.key());
        if (claimed == 0) {
            LOG.debugf("%s already handled by %s, skipped", event, consumer);
            return false;
        }
        handler.handle(event);
        return true;
    }

    /** After an event of a batch was handled: the service's {@link BetweenEvents}, if it has any. */
    void betweenEvents() {
        List<BetweenEvents> beans = betweenEvents;
        if (beans == null) {
            beans = betweenEventsBeans.stream().toList();
            betweenEvents = beans;
        }
        beans.forEach(BetweenEvents::afterEvent);
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
