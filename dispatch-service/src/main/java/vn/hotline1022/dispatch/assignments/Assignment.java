package vn.hotline1022.dispatch.assignments;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One team sent to one case, with the time of every step. */
@Entity
public class Assignment extends PanacheEntityBase {

    public enum Status {
        DISPATCHED, ARRIVED, COMPLETED
    }

    @Id
    public UUID id;
    public UUID caseId;
    public String caseCode;
    public UUID teamId;
    @Enumerated(EnumType.STRING)
    public Status status;
    public String matchedBy;
    public boolean automatic;
    public String provinceCode;
    public String districtCode;
    public String wardCode;
    public String outcome;
    public Instant dispatchedAt;
    public Instant arrivedAt;
    public Instant completedAt;

    public static boolean liveFor(UUID caseId) {
        return count("caseId = ?1 and status <> ?2", caseId, Status.COMPLETED) > 0;
    }
}
