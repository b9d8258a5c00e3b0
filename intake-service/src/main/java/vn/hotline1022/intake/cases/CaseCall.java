package vn.hotline1022.intake.cases;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One contact (call, Zalo message, ...) and the case it opened or was linked to. */
@Entity
public class CaseCall extends PanacheEntityBase {

    @Id
    public UUID callId;
    public UUID caseId;
    public String channel;
    public Instant receivedAt;
    /** Why the call was attached to an existing case; null for the call that opened it. */
    @Enumerated(EnumType.STRING)
    public LinkedBy linkedBy;

    public static Optional<CaseCall> byId(UUID callId) {
        return findByIdOptional(callId);
    }
}
