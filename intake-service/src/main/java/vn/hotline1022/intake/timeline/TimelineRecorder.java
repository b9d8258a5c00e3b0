package vn.hotline1022.intake.timeline;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;

import vn.hotline1022.events.CaseEvent;
import vn.hotline1022.events.EventType;
import vn.hotline1022.events.Service;
import vn.hotline1022.intake.cases.CaseLifecycle;
import vn.hotline1022.intake.cases.HotlineCase;
import vn.hotline1022.intake.cases.Summary;
import vn.hotline1022.intake.cases.TimelineEntry;
import vn.hotline1022.messaging.inbox.ReceivedEvent;

/** Adds every downstream event to its case's timeline; a decision by any service puts an open case in progress. */
@ApplicationScoped
public class TimelineRecorder {

    @Inject
    CaseLifecycle lifecycle;

    /** Notices are worth showing but are not decisions: they leave the status alone. */
    private static final Set<EventType> NOT_DECISIONS = EnumSet.of(EventType.NOTIFICATION_SENT,
            EventType.NOTIFICATION_FAILED);
    /**
     * What stops the first-action clock: someone decided to help (a team sent or queued for, a bed asked for or
     * waited for, relief scheduled) or help already came. A refusal or a hospital's "no" is not help.
     */
    static final Set<EventType> FIRST_ACTIONS = EnumSet.of(EventType.TEAM_DISPATCHED, EventType.DISPATCH_QUEUED,
            EventType.TEAM_ARRIVED, EventType.DISPATCH_COMPLETED, EventType.PATIENT_REFERRED,
            EventType.REFERRAL_WAITING, EventType.REFERRAL_ACCEPTED, EventType.RELIEF_SCHEDULED,
            EventType.RELIEF_DELIVERED, EventType.TRANSPORT_DISPATCHED, EventType.PATIENT_PICKED_UP,
            EventType.PATIENT_HANDED_OVER, EventType.PATIENT_ADMITTED);

    /** Runs inside the inbox transaction of {@code event}. */
    public void record(ReceivedEvent event) {
        CaseEvent data = (CaseEvent) event.data();
        TimelineEntry entry = new TimelineEntry();
        entry.eventId = event.id();
        entry.caseId = data.caseId();
        entry.eventType = event.type().eventName();
        entry.source = event.type().service().serviceName();
        entry.occurredAt = data.occurredAt();
        Summary summary = TimelineLines.of(data);
        entry.summary = summary.vi();
        entry.summaryEn = summary.en();
        entry.recordedAt = Instant.now();
        entry.persist();
        if (NOT_DECISIONS.contains(event.type())) {
            return;
        }
        // Each topic has its own consumer, so events of one case from different services are handled at the same time:
        // lock the case row, or one handler's update of the status or first action silently undoes another's.
        HotlineCase c = HotlineCase.getEntityManager().find(HotlineCase.class, data.caseId(),
                LockModeType.PESSIMISTIC_WRITE);
        if (c == null) {
            return;
        }
        lifecycle.decided(c, FIRST_ACTIONS.contains(event.type()), data.occurredAt(), entry.recordedAt);
        lifecycle.outcome(c, data);
    }

    static Set<EventType> publishedBy(Service service) {
        Set<EventType> types = EnumSet.noneOf(EventType.class);
        for (EventType t : EventType.values()) {
            if (t.service() == service) {
                types.add(t);
            }
        }
        return types;
    }
}
