package vn.hotline1022.messaging.probe;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import vn.hotline1022.events.EventType;
import vn.hotline1022.events.intake.CaseReopened;
import vn.hotline1022.messaging.inbox.Inbox;

/** Consumes intake events the way every service will: through the inbox, with the dead-letter convention. */
@ApplicationScoped
public class ProbeConsumer {

    /** Handler invocations per event id, including failed attempts (rolled back, so not in the database). */
    private final Map<UUID, AtomicInteger> attempts = new ConcurrentHashMap<>();
    /** The reasons of each case's events in the order the handler saw them. */
    private final Map<UUID, java.util.List<String>> order = new ConcurrentHashMap<>();
    /** The database transaction that handled each event (its last attempt). */
    private final Map<UUID, Long> transactions = new ConcurrentHashMap<>();
    /** The span current in the handler, per event id. */
    private final Map<UUID, SpanContext> spans = new ConcurrentHashMap<>();

    @Inject
    Inbox inbox;

    @Inject
    EntityManager em;

    /** Read through a method: tests hold a client proxy, whose fields are not the bean's. */
    public int attemptsOf(UUID eventId) {
        AtomicInteger n = attempts.get(eventId);
        return n == null ? 0 : n.get();
    }

    /** The reasons of {@code caseId}'s events in the order they were handled. */
    public java.util.List<String> orderOf(UUID caseId) {
        return java.util.List.copyOf(order.getOrDefault(caseId, java.util.List.of()));
    }

    /** The id of the transaction that handled {@code eventId}; null until it ran. */
    public Long transactionOf(UUID eventId) {
        return transactions.get(eventId);
    }

    /** The span the handler of {@code eventId} ran in; null until it ran. */
    public SpanContext spanOf(UUID eventId) {
        return spans.get(eventId);
    }

    @Incoming("intake-events")
    @Blocking
    public CompletionStage<Void> onIntakeEvents(KafkaRecordBatch<String, String> batch) {
        return inbox.process(batch, Set.of(EventType.CASE_REOPENED), event -> {
            attempts.computeIfAbsent(event.id(), id -> new AtomicInteger()).incrementAndGet();
            spans.put(event.id(), Span.current().getSpanContext());
            transactions.put(event.id(),
                    ((Number) em.createNativeQuery("select txid_current()").getSingleResult()).longValue());
            CaseReopened reopened = event.data(CaseReopened.class);
            order.computeIfAbsent(reopened.caseId(), id -> java.util.Collections.synchronizedList(
                    new java.util.ArrayList<>())).add(reopened.reason());
            ProbeHandled handled = new ProbeHandled();
            handled.eventId = event.id();
            handled.caseId = reopened.caseId();
            handled.reason = reopened.reason();
            em.persist(handled);
            em.flush();
            if (reopened.reason().startsWith("explode")) {
                throw new IllegalStateException("handler refuses " + reopened.reason());
            }
        });
    }
}
