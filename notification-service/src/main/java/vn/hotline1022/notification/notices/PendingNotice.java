package vn.hotline1022.notification.notices;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** An event whose citizen is not known yet (its CallReceived has not arrived); sent when the contact arrives. */
@Entity
public class PendingNotice extends PanacheEntityBase {
    @Id
    public UUID sourceEventId;
    public UUID caseId;
    public String caseCode;
    public String sourceEventType;
    public String payload;
    public Instant occurredAt;
    public Instant receivedAt;

    public static List<PendingNotice> forCase(UUID caseId) {
        return list("caseId = ?1 order by occurredAt, receivedAt", caseId);
    }
}
