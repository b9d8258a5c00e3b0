package vn.hotline1022.intake.cases;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import vn.hotline1022.events.EventType;

/** One event about a case, from any service, in words an agent can read to the caller. */
@Entity
public class TimelineEntry extends PanacheEntityBase {

    @Id
    public UUID eventId;
    public UUID caseId;
    /** The event's name, e.g. TeamDispatched. */
    public String eventType;
    /** The publishing service, e.g. dispatch-service. */
    public String source;
    public Instant occurredAt;
    /** Vietnamese: read out to callers, shown to citizens. */
    public String summary;
    /** The same line in English, for the console's language switch; null on lines recorded before it existed. */
    public String summaryEn;
    public Instant recordedAt;

    /** Records an event intake itself published ({@code eventId} from the outbox) on its case's timeline. */
    public static TimelineEntry own(UUID eventId, UUID caseId, EventType type, Instant at, Summary summary) {
        TimelineEntry e = new TimelineEntry();
        e.eventId = eventId;
        e.caseId = caseId;
        e.eventType = type.eventName();
        e.source = type.service().serviceName();
        e.occurredAt = at;
        e.summary = summary.vi();
        e.summaryEn = summary.en();
        e.recordedAt = Instant.now();
        e.persist();
        return e;
    }

    /** A step with no event of its own, e.g. a citizen's contact that changed nothing ({@code kind} names it). */
    public static TimelineEntry note(UUID caseId, String kind, Instant at, Summary summary) {
        TimelineEntry e = new TimelineEntry();
        e.eventId = UUID.randomUUID();
        e.caseId = caseId;
        e.eventType = kind;
        e.source = "intake-service";
        e.occurredAt = at;
        e.summary = summary.vi();
        e.summaryEn = summary.en();
        e.recordedAt = Instant.now();
        e.persist();
        return e;
    }

    public static List<TimelineEntry> of(UUID caseId) {
        return list("caseId = ?1 order by occurredAt, recordedAt", caseId);
    }
}
