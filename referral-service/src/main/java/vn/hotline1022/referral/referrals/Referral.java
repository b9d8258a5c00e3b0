package vn.hotline1022.referral.referrals;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import vn.hotline1022.events.common.BedType;
import vn.hotline1022.events.common.Severity;

/**
 * One request for a bed for one case (chuyển viện): waiting for a free bed, or put to one hospital. A rejection or an
 * expiry closes it and the next hospital gets a new referral with the next attempt number.
 */
@Entity
public class Referral extends PanacheEntityBase {

    /**
     * The referral's state, each mapped onto the FHIR R4 Task status (http://hl7.org/fhir/task-status) by
     * {@link #fhir()}:
     *
     * <pre>
     * WAITING → PENDING (put to a hospital) → RECEIVED (opened; optional) → ACCEPTED | REJECTED | EXPIRED
     * ACCEPTED → COMPLETED (admitted) | FAILED (not admitted)
     * </pre>
     *
     * Arrival and admission are recorded as one answer of the hospital, so FHIR's "in-progress" is passed through,
     * not held: an admitted referral is complete (the bed was given), the patient's stay is the hospital's business.
     */
    public enum Status {
        /** No hospital of the province has a free bed of the type; retried when capacity frees up. */
        WAITING("draft"),
        /** A bed is held at the hospital until it answers or the deadline passes. */
        PENDING("requested"),
        /** The hospital opened the referral; the bed stays held and the deadline still runs. */
        RECEIVED("received"),
        ACCEPTED("accepted"),
        REJECTED("rejected"),
        /** Nobody answered in time: 1022 withdrew the request and asked the next hospital. */
        EXPIRED("cancelled"),
        /** The patient was admitted: the referral is closed. */
        COMPLETED("completed"),
        /** The patient was not admitted (did not arrive, turned away, died on the way): closed, the bed given back. */
        FAILED("failed");

        private final String fhir;

        Status(String fhir) {
            this.fhir = fhir;
        }

        /** At most one live referral per case (a partial unique index in the database). */
        public boolean live() {
            return this == WAITING || this == PENDING || this == RECEIVED || this == ACCEPTED;
        }

        /** Put to a hospital and not answered yet: the bed is held and the deadline runs. */
        public boolean unanswered() {
            return this == PENDING || this == RECEIVED;
        }

        /** The FHIR R4 Task.status code. */
        public String fhir() {
            return fhir;
        }
    }

    @Id
    public UUID id;
    public UUID caseId;
    public String caseCode;
    @Enumerated(EnumType.STRING)
    public Status status;
    /** Which event asked for the bed: CallReceived or DispatchCompleted. */
    public String openedBy;
    public String provinceCode;
    public String districtCode;
    @Enumerated(EnumType.STRING)
    public BedType bedType;
    @Enumerated(EnumType.STRING)
    public Severity severity;
    public String clinicalSummary;
    /** Intake's priority when known; orders the waiting cases after the bed type. */
    public Integer priority;
    public UUID hospitalId;
    public Integer attempt;
    public Instant createdAt;
    /** The bed type this referral's waiting was announced for (ReferralWaiting); null before that. */
    @Enumerated(EnumType.STRING)
    public BedType waitingAnnouncedFor;
    public Instant referredAt;
    public Instant answerDeadline;
    public Instant answeredAt;
    public String bedLabel;
    public Instant expectedArrival;
    public String rejectionReason;
    public String rejectionDetail;
    public Instant receivedAt;
    /** When it stopped being live: rejected, expired, admitted or not admitted. */
    public Instant closedAt;
    public String admissionNote;
    /** Why this hospital's tier (LevelRule), shown to the hospital and on the case's timeline; null for any. */
    public String routingReason;
    /** The admitted patient left the hospital: when, how ({@code PatientDischarged} dispositions) and where to. */
    public Instant dischargedAt;
    public String dischargeDisposition;
    public String transferredTo;

    public static Referral liveFor(UUID caseId) {
        return find("caseId = ?1 and status in ?2", caseId,
                List.of(Status.WAITING, Status.PENDING, Status.RECEIVED, Status.ACCEPTED)).firstResult();
    }

    /** The last time anything about it changed (FHIR Task.lastModified). */
    public Instant lastModified() {
        Instant last = createdAt;
        for (Instant t : new Instant[] { referredAt, receivedAt, answeredAt, closedAt, dischargedAt }) {
            if (t != null && (last == null || t.isAfter(last))) {
                last = t;
            }
        }
        return last;
    }

    /** Hospitals asked so far for this case, so the next one is attempt n + 1. */
    static long asksFor(UUID caseId) {
        return count("caseId = ?1 and hospitalId is not null", caseId);
    }

    /** A new waiting referral for the same case and patient, to be put to the next hospital. */
    Referral next() {
        Referral r = new Referral();
        r.id = UUID.randomUUID();
        r.caseId = caseId;
        r.caseCode = caseCode;
        r.status = Status.WAITING;
        r.openedBy = openedBy;
        r.provinceCode = provinceCode;
        r.districtCode = districtCode;
        r.bedType = bedType;
        r.severity = severity;
        r.clinicalSummary = clinicalSummary;
        r.priority = priority;
        r.createdAt = Instant.now();
        return r;
    }

    /** Waiting referrals of a province, most urgent bed type first, locked; others' locked rows are skipped. */
    static List<Referral> lockWaiting(String provinceCode, int limit) {
        return lockNative("""
                select * from referral
                 where status = 'WAITING' and province_code = ?1
                 order by case bed_type when 'ICU' then 0 when 'OXYGEN' then 1 else 2 end,
                          priority desc nulls last, created_at
                 limit ?2
                 for update skip locked
                """, provinceCode, limit);
    }

    /**
     * Unanswered (pending or received) referrals whose deadline passed before {@code asOf}, locked; others' locked
     * rows are skipped. Only the database is read, so a deadline that passed while no instance ran is found by the
     * first run after the restart.
     */
    static List<Referral> lockOverdue(Instant asOf, int limit) {
        return lockNative("""
                select * from referral
                 where status in ('PENDING', 'RECEIVED') and answer_deadline < ?1
                 order by answer_deadline
                 limit ?2
                 for update skip locked
                """, asOf, limit);
    }

    @SuppressWarnings("unchecked")
    private static List<Referral> lockNative(String sql, Object first, int limit) {
        getEntityManager().flush();
        return getEntityManager().createNativeQuery(sql, Referral.class)
                .setParameter(1, first)
                .setParameter(2, limit)
                .getResultList();
    }
}
