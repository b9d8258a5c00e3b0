package vn.hotline1022.intake.officials;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One verification visit (lần xác minh) of a case by its owning official: what they found, did, and when. */
@Entity
@Table(name = "verification_visit")
public class VerificationVisit extends PanacheEntityBase {

    @Id
    public UUID id;
    public UUID caseId;
    public String official;
    /** {@code VALID}, {@code NOT_VALID} or {@code UNREACHABLE}. */
    public String outcome;
    public String actionTaken;
    public Instant visitedAt;
    public Instant recordedAt;

    public static List<VerificationVisit> of(UUID caseId) {
        return list("caseId = ?1 order by visitedAt, recordedAt", caseId);
    }
}
