package vn.hotline1022.intake.cases;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

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
    public String summary;
    public Instant recordedAt;

    public static List<TimelineEntry> of(UUID caseId) {
        return list("caseId = ?1 order by occurredAt, recordedAt", caseId);
    }
}
