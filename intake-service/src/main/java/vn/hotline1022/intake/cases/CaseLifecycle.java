package vn.hotline1022.intake.cases;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import vn.hotline1022.events.CaseEvent;
import vn.hotline1022.events.EventType;
import vn.hotline1022.events.intake.CaseReopened;
import vn.hotline1022.events.intake.CaseResolved;
import vn.hotline1022.messaging.outbox.Outbox;

/**
 * The one home of what happens to a case (vòng đời hồ sơ): a step is its state change, its event (outbox, same
 * transaction) and its line on the timeline, always together. Calls open and link cases ({@code CallTaker}), the SLA
 * clock escalates them, citizens resolve or reopen them, downstream decisions move them in progress; each goes
 * through here.
 */
@ApplicationScoped
public class CaseLifecycle {

    @Inject
    Outbox outbox;

    /** Publishes {@code event} of case {@code c} and puts it on the case's timeline with {@code summary}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID record(HotlineCase c, CaseEvent event, Summary summary) {
        UUID eventId = outbox.publish(event);
        TimelineEntry.own(eventId, c.id, EventType.of(event.getClass()), event.occurredAt(), summary);
        c.updatedAt = event.occurredAt();
        return eventId;
    }

    /** Resolved (đã giải quyết) by {@code by}; nothing happens to a case already resolved. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean resolve(HotlineCase c, Instant now, String by, String note, Summary summary) {
        if (c.status == CaseStatus.RESOLVED) {
            return false;
        }
        c.status = CaseStatus.RESOLVED;
        c.resolvedAt = now;
        record(c, new CaseResolved(c.id, c.code, now, by, note), summary);
        return true;
    }

    /**
     * Help did not arrive: a resolved case goes back in progress, an unresolved one keeps its status; either way it
     * counts as a missed deadline from now on, and the SLA clock escalates it.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void reopen(HotlineCase c, Instant now, String reason, Summary summary) {
        if (c.status == CaseStatus.RESOLVED) {
            c.status = CaseStatus.IN_PROGRESS;
        }
        c.resolvedAt = null;
        c.reopenCount++;
        c.lastReopenedAt = now;
        record(c, new CaseReopened(c.id, c.code, now, reason), summary);
    }

    /**
     * A service decided something about the case (its event is on the timeline already): an open case is in progress
     * now, and the earliest decision of a kind that counts is its first action, whatever order events arrive in.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void decided(HotlineCase c, boolean firstAction, Instant occurredAt, Instant recordedAt) {
        if (c.status == CaseStatus.OPEN) {
            c.status = CaseStatus.IN_PROGRESS;
            c.updatedAt = recordedAt;
        }
        if (firstAction && (c.firstActionAt == null || occurredAt.isBefore(c.firstActionAt))) {
            c.firstActionAt = occurredAt;
        }
    }
}
