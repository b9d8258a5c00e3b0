package vn.hotline1022.ops.signals;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import vn.hotline1022.events.intake.CallReceived;
import vn.hotline1022.events.intake.CaseEscalated;
import vn.hotline1022.events.notification.NotificationFailed;
import vn.hotline1022.events.referral.PatientReferred;
import vn.hotline1022.events.referral.ReferralExpired;
import vn.hotline1022.events.referral.ReferralWaiting;

/**
 * What ops take from the case flow, and nothing personal: the case code → id index for traces, and the events that
 * count towards alert thresholds (escalations per district, referral expiries per hospital, failed notices per
 * channel). Called inside the inbox transaction.
 */
@ApplicationScoped
public class Signals {

    /** The kinds of signal; each is an alert rule of the same name. */
    public enum Kind {
        SLA_ESCALATIONS, REFERRAL_EXPIRIES, NOTIFICATION_FAILURES
    }

    @Inject
    EntityManager em;

    public void onCallReceived(CallReceived call) {
        em.createNativeQuery("insert into case_index (case_code, case_id, received_at) values (?1, ?2, ?3) "
                + "on conflict do nothing")
                .setParameter(1, call.caseCode()).setParameter(2, call.caseId()).setParameter(3, call.occurredAt())
                .executeUpdate();
    }

    public void onCaseEscalated(CaseEscalated e) {
        record(Kind.SLA_ESCALATIONS, e.location() == null || e.location().districtCode() == null ? "?"
                : e.location().districtCode(), e.occurredAt());
    }

    public void onReferralExpired(ReferralExpired e) {
        record(Kind.REFERRAL_EXPIRIES, e.hospitalCode() == null ? "?" : e.hospitalCode(), e.occurredAt());
    }

    /** A patient waits for a bed: remembered until the case is put to a hospital. */
    public void onReferralWaiting(ReferralWaiting e) {
        em.createNativeQuery("insert into waiting_referral (case_id, case_code, province_code, since) "
                + "values (?1, ?2, ?3, ?4) on conflict (case_id) do nothing")
                .setParameter(1, e.caseId()).setParameter(2, e.caseCode()).setParameter(3, e.provinceCode())
                .setParameter(4, e.since() == null ? e.occurredAt() : e.since()).executeUpdate();
    }

    public void onPatientReferred(PatientReferred e) {
        em.createNativeQuery("delete from waiting_referral where case_id = ?1").setParameter(1, e.caseId())
                .executeUpdate();
    }

    /** Per province, the patients waiting for a bed since before {@code before}. */
    @Transactional
    public Map<String, Long> waitingSince(Instant before) {
        Map<String, Long> counts = new TreeMap<>();
        @SuppressWarnings("unchecked")
        java.util.List<Object[]> rows = em.createNativeQuery("select coalesce(province_code, '?'), count(*) "
                + "from waiting_referral where since < ?1 group by 1").setParameter(1, before).getResultList();
        rows.forEach(r -> counts.put((String) r[0], ((Number) r[1]).longValue()));
        return counts;
    }

    public void onNotificationFailed(NotificationFailed e) {
        record(Kind.NOTIFICATION_FAILURES, e.channel() == null ? "?" : e.channel(), e.occurredAt());
    }

    private void record(Kind kind, String subject, Instant at) {
        em.createNativeQuery("insert into signal (event_id, kind, subject, occurred_at) values (?1, ?2, ?3, ?4)")
                .setParameter(1, UUID.randomUUID()).setParameter(2, kind.name()).setParameter(3, subject)
                .setParameter(4, at).executeUpdate();
    }

    /** Signals of one kind per subject since {@code since}. */
    @Transactional
    public Map<String, Long> countSince(Kind kind, Instant since) {
        Map<String, Long> counts = new TreeMap<>();
        @SuppressWarnings("unchecked")
        java.util.List<Object[]> rows = em.createNativeQuery("select subject, count(*) from signal "
                + "where kind = ?1 and occurred_at >= ?2 group by subject")
                .setParameter(1, kind.name()).setParameter(2, since).getResultList();
        rows.forEach(r -> counts.put((String) r[0], ((Number) r[1]).longValue()));
        return counts;
    }

    /** The case id of a case code, if ops have seen its call. */
    @Transactional
    public java.util.Optional<UUID> caseIdOf(String caseCode) {
        @SuppressWarnings("unchecked")
        java.util.List<UUID> ids = em.createNativeQuery("select case_id from case_index where case_code = ?1",
                UUID.class).setParameter(1, caseCode).getResultList();
        return ids.stream().findFirst();
    }

    /** Forgets signals and case codes older than {@code keep}. */
    @Transactional
    public void prune(Instant before) {
        em.createNativeQuery("delete from signal where occurred_at < ?1").setParameter(1, before).executeUpdate();
        em.createNativeQuery("delete from case_index where received_at < ?1").setParameter(1, before).executeUpdate();
    }
}
