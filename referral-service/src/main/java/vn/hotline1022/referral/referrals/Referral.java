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

    public enum Status {
        /** No hospital of the province has a free bed of the type; retried when capacity frees up. */
        WAITING,
        /** A bed is held at the hospital until it answers or the deadline passes. */
        PENDING,
        ACCEPTED,
        REJECTED,
        EXPIRED;

        /** At most one live referral per case (a partial unique index in the database). */
        public boolean live() {
            return this == WAITING || this == PENDING || this == ACCEPTED;
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
    public Instant referredAt;
    public Instant answerDeadline;
    public Instant answeredAt;
    public String bedLabel;
    public Instant expectedArrival;
    public String rejectionReason;
    public String rejectionDetail;

    public static Referral liveFor(UUID caseId) {
        return find("caseId = ?1 and status in ?2", caseId,
                List.of(Status.WAITING, Status.PENDING, Status.ACCEPTED)).firstResult();
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

    /** Pending referrals whose deadline passed before {@code asOf}, locked; others' locked rows are skipped. */
    static List<Referral> lockOverdue(Instant asOf, int limit) {
        return lockNative("""
                select * from referral
                 where status = 'PENDING' and answer_deadline < ?1
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
