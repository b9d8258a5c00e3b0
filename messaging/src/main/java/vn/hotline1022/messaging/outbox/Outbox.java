package vn.hotline1022.messaging.outbox;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import vn.hotline1022.events.EventJson;
import vn.hotline1022.events.EventType;
import vn.hotline1022.events.HotlineEvent;
import vn.hotline1022.messaging.sql.Jdbc;
import vn.hotline1022.messaging.tracing.TraceContext;
import vn.hotline1022.messaging.tx.AfterCommit;

/**
 * The only way a service publishes an event: the event is written to the outbox table in the caller's transaction,
 * so it exists if and only if the state change it describes was committed (no dual write). The relay sends it.
 */
@ApplicationScoped
public class Outbox {

    private static final String INSERT = """
            insert into messaging_outbox (event_id, topic, record_key, ce_type, ce_source, occurred_at, payload,
                                          trace_parent, trace_state)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """;
    private static final Object WAKE_KEY = new Object();

    @Inject
    Jdbc jdbc;

    @Inject
    AfterCommit afterCommit;

    @Inject
    OutboxRelay relay;

    /**
     * Records {@code event} for publication when the current transaction commits.
     *
     * @return the event id, which becomes its CloudEvents {@code ce_id}
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID publish(HotlineEvent event) {
        EventType type = EventType.of(event.getClass());
        UUID id = UUID.randomUUID();
        // The request's or the handler's trace goes with the event: the relay sends it later, from another thread.
        TraceContext trace = TraceContext.current();
        jdbc.update(INSERT, id, type.topic(), event.key(), type.ceType(), type.source(), event.occurredAt(),
                EventJson.toJson(event), trace == null ? null : trace.traceparent(),
                trace == null ? null : trace.tracestate());
        afterCommit.once(WAKE_KEY, relay::wakeUp); // one wake-up per transaction is enough
        return id;
    }

}
