package vn.hotline1022.notification.notices;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import vn.hotline1022.events.CaseEvent;
import vn.hotline1022.events.EventType;
import vn.hotline1022.messaging.tracing.TraceContext;
import vn.hotline1022.messaging.tx.AfterCommit;
import vn.hotline1022.notification.notices.NoticeRules.Recipient;

/**
 * Writes the delivery log: records a PENDING notice (once per source event × recipient × channel, whatever the number
 * of redeliveries or instances), and, once the transaction has committed, wakes the senders and shows the change on
 * the console's live stream.
 */
@ApplicationScoped
public class Deliveries {

    private static final Logger LOG = Logger.getLogger(Deliveries.class);
    private static final Object AFTER_COMMIT_KEY = new Object();

    /** clock_timestamp(), not now(): notices recorded in one transaction (released pending ones) keep their order. */
    private static final String RECORD = """
            insert into notification (id, case_id, case_code, source_event_id, source_event_type, recipient_kind,
                                      recipient_address, channel, status, urgent, attempts, subject, text,
                                      created_at, next_attempt_at, trace_parent)
            values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'PENDING', ?9, 0, ?10, ?11, clock_timestamp(), clock_timestamp(),
                    ?12)
            on conflict (source_event_id, recipient_kind, recipient_address, channel) do nothing
            """;

    @Inject
    EntityManager em;

    @Inject
    AfterCommit afterCommit;

    @Inject
    NoticeStream stream;

    @Inject
    NoticeSender sender;

    /** @return the recorded row, or null when this event already has one for this recipient and channel */
    @Transactional(Transactional.TxType.MANDATORY)
    public Notification record(UUID sourceEventId, EventType type, CaseEvent event, Recipient recipient,
            String address, String channel, boolean urgent, String subject, String text) {
        UUID id = UUID.randomUUID();
        TraceContext trace = TraceContext.current(); // the consumer's span of the event: the sender resumes it
        int recorded = em.createNativeQuery(RECORD)
                .setParameter(1, id)
                .setParameter(2, event.caseId())
                .setParameter(3, event.caseCode())
                .setParameter(4, sourceEventId)
                .setParameter(5, type.ceType())
                .setParameter(6, recipient.name())
                .setParameter(7, address == null ? "" : address)
                .setParameter(8, channel)
                .setParameter(9, urgent)
                .setParameter(10, subject)
                .setParameter(11, text)
                .setParameter(12, trace == null ? null : trace.traceparent())
                .executeUpdate();
        if (recorded == 0) {
            LOG.debugf("Case %s: %s notice to %s via %s already recorded", event.caseCode(), type.eventName(),
                    recipient, channel);
            return null;
        }
        Notification n = Notification.findById(id);
        changed(n);
        return n;
    }

    /** Shows {@code n} as it is now on the live stream once the transaction commits, and wakes the senders. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void changed(Notification n) {
        // Entities are read while the session is still open; the views go out only if the commit succeeds.
        afterCommit.collect(AFTER_COMMIT_KEY, n, changed -> changed.stream().map(Notification::snapshot).toList(),
                this::published);
    }

    private void published(List<Notification> views) {
        views.forEach(stream::publish);
        if (views.stream().anyMatch(v -> v.status == Notification.Status.PENDING)) {
            sender.wakeUp();
        }
    }
}
