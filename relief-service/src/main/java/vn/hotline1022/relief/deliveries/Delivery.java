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
import vn.hotline1022.relief.zones.WardZones;

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
    /** The warehouse a scheduled package leaves from. */
    public String warehouseCode;
    public Instant deliveredAt;
    public String deliveredBy;
    /** CALL, or DISPATCH when the field team found the need on site. */
    public String source = "CALL";
    /** DUPLICATE: what matched (PHONE, CITIZEN_ID, ADDRESS) and the household matched, if another one. */
    public String duplicateMatch;
    public UUID duplicateOf;
    /** DUPLICATE across programmes: the other programme serving or having served one of the same needs. */
    public String duplicateProgramme;
    /** An officer's review of a DUPLICATE refusal: CONFIRMED, or OVERRIDDEN (then scheduled despite it). */
    public String reviewedBy;
    public String reviewDecision;
    public String reviewJustification;
    public Instant reviewedAt;
    /**
     * Proof of delivery: the code the household shows the volunteer is derived from the id and this round (see
     * {@code RecipientCode}); nothing of the code itself is kept.
     */
    public int recipientCodeRound;
    /** When the current round's code was last sent to the household (re-sends are rate limited). */
    public Instant recipientCodeSentAt;
    /** Wrong codes tried since the code was issued; at the limit the code stops working (no guessing 1 in 10^6). */
    public int recipientCodeFailures;
    /** Delivered without a code: who asked and why, then who else approved (two officers, both recorded). */
    public String noCodeRequestedBy;
    public Instant noCodeRequestedAt;
    public String noCodeReason;
    public String noCodeDeliveredBy;
    public String noCodeApprovedBy;
    public Instant noCodeApprovedAt;

    /** A package of the programme is already waiting or on its way to the household. */
    static boolean pendingFor(UUID householdId, String programmeCode) {
        return count("householdId = ?1 and programmeCode = ?2 and status in ?3", householdId, programmeCode,
                List.of(Status.WAITING, Status.SCHEDULED)) > 0;
    }

    /**
     * Packages of the programme that count against the household's cap: on the way, or received since the start of
     * the cap period ({@code since}; null: ever).
     */
    static long countedAgainstCap(UUID householdId, String programmeCode, Instant since) {
        if (since == null) {
            return count("householdId = ?1 and programmeCode = ?2 and status in ?3", householdId, programmeCode,
                    List.of(Status.SCHEDULED, Status.DELIVERED));
        }
        return count("householdId = ?1 and programmeCode = ?2 and (status = ?3 or (status = ?4 and deliveredAt >= ?5))",
                householdId, programmeCode, Status.SCHEDULED, Status.DELIVERED, since);
    }

    /** Packages of the programme waiting for, on the way to or received by the household (since {@code since}). */
    static boolean receivingOrReceived(UUID householdId, String programmeCode, Instant since) {
        return pendingFor(householdId, programmeCode) || countedAgainstCap(householdId, programmeCode, since) > 0;
    }

    /**
     * Packages of other programmes (whichever donor stocked them) on the way to, or received since {@code since} (null:
     * ever) by, any of the households; the caller checks which share a need. Waiting ones do not count: the household
     * is served by whichever programme has stock first, and the other request is then refused when its stock comes.
     */
    static List<Delivery> fromOtherProgrammes(java.util.Collection<UUID> householdIds, String programmeCode,
            Instant since) {
        List<Delivery> found = list("householdId in ?1 and programmeCode is not null and programmeCode <> ?2 "
                + "and status in ?3 order by requestedAt, id", householdIds, programmeCode,
                List.of(Status.SCHEDULED, Status.DELIVERED));
        return found.stream()
                .filter(d -> d.status == Status.SCHEDULED || since == null || !d.deliveredAt.isBefore(since))
                .toList();
    }

    /**
     * The programme's waiting requests, locked for this transaction: lockdown (red) wards first, then orange ones,
     * each oldest first.
     */
    @SuppressWarnings("unchecked")
    static List<Delivery> lockWaiting(String programmeCode) {
        return getEntityManager().createNativeQuery("""
                select d.* from delivery d left join ward_zone z on z.ward_code = d.ward_code
                 where d.programme_code = ?1 and d.status = 'WAITING'
                 order by %s, d.requested_at, d.id
                 for update of d skip locked
                """.formatted(WardZones.sqlRank("z")), Delivery.class)
                .setParameter(1, programmeCode)
                .getResultList();
    }
}
