package vn.hotline1022.relief.deliveries;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * One allocation decision: a package of one programme for one household, asked for by one case. Refusals are kept
 * too, so that every relief request can be accounted for.
 */
@Entity
public class Delivery extends PanacheEntityBase {

    public enum Status {
        /** Out of stock: scheduled, oldest first, when the programme's next consignment arrives. */
        WAITING,
        SCHEDULED,
        DELIVERED,
        REFUSED
    }

    /** Why a request waits or was refused; the names travel as ReliefRefused.reason. */
    public enum Reason {
        OUT_OF_STOCK, DUPLICATE, CAP_REACHED, INELIGIBLE
    }

    @Id
    public UUID id;
    public UUID caseId;
    public String caseCode;
    public UUID householdId;
    /** Null when no programme covers the needs (INELIGIBLE). */
    public String programmeCode;
    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> needs;
    public String provinceCode;
    public String districtCode;
    public String wardCode;
    @Enumerated(EnumType.STRING)
    public Status status;
    @Enumerated(EnumType.STRING)
    public Reason reason;
    public String detail;
    public Instant requestedAt;
    public Instant scheduledAt;
    public Instant expectedBy;
    public Instant deliveredAt;
    public String deliveredBy;

    /** A package of the programme is already waiting or on its way to the household. */
    static boolean pendingFor(UUID householdId, String programmeCode) {
        return count("householdId = ?1 and programmeCode = ?2 and status in ?3", householdId, programmeCode,
                List.of(Status.WAITING, Status.SCHEDULED)) > 0;
    }

    /** Packages of the programme that count against the household's cap: on the way or received. */
    static long countedAgainstCap(UUID householdId, String programmeCode) {
        return count("householdId = ?1 and programmeCode = ?2 and status in ?3", householdId, programmeCode,
                List.of(Status.SCHEDULED, Status.DELIVERED));
    }

    /** The programme's waiting requests, oldest first, locked for this transaction. */
    @SuppressWarnings("unchecked")
    static List<Delivery> lockWaiting(String programmeCode) {
        return getEntityManager().createNativeQuery("""
                select * from delivery
                 where programme_code = ?1 and status = 'WAITING'
                 order by requested_at, id
                 for update skip locked
                """, Delivery.class)
                .setParameter(1, programmeCode)
                .getResultList();
    }
}
