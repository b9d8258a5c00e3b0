package vn.hotline1022.ops.signals;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import vn.hotline1022.events.intake.CallReceived;
import vn.hotline1022.events.intake.CaseEscalated;
import vn.hotline1022.events.notification.NotificationFailed;
import vn.hotline1022.messaging.sql.Jdbc;
import vn.hotline1022.events.referral.PatientReferred;
import vn.hotline1022.events.referral.ReferralExpired;
import vn.hotline1022.events.referral.ReferralWaiting;

/**
 * What ops take from the case flow, and nothing personal: the case code → id index for traces, and the events that
 * count towards alert thresholds (escalations per district, referral expiries per hospital, failed notices per
 * channel). Called inside the inbox transaction.
 */
@ApplicationScoped
public class AlertSignals {

    /** The kinds of signal; each is an alert rule of the same name. */
    public enum Kind {
        SLA_ESCALATIONS, REFERRAL_EXPIRIES, NOTIFICATION_FAILURES
    }

    @Inject
    Jdbc jdbc;

    public void onCallReceived(CallReceived call) {
        jdbc.update("insert into case_index (case_code, case_id, received_at) values (?, ?, ?) on conflict do nothing",
                call.caseCode(), call.caseId(), call.occurredAt());
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
        jdbc.update("insert into waiting_referral (case_id, case_code, province_code, since) values (?, ?, ?, ?) "
                + "on conflict (case_id) do nothing", e.caseId(), e.caseCode(), e.provinceCode(),
                e.since() == null ? e.occurredAt() : e.since());
    }

    public void onPatientReferred(PatientReferred e) {
        jdbc.update("delete from waiting_referral where case_id = ?", e.caseId());
    }

    /** Per province, the patients waiting for a bed since before {@code before}. */
    public Map<String, Long> waitingSince(Instant before) {
        Map<String, Long> counts = new TreeMap<>();
        jdbc.query("select coalesce(province_code, '?'), count(*) from waiting_referral where since < ? group by 1",
                rs -> counts.put(rs.getString(1), rs.getLong(2)), before);
        return counts;
    }

    public void onNotificationFailed(NotificationFailed e) {
        record(Kind.NOTIFICATION_FAILURES, e.channel() == null ? "?" : e.channel(), e.occurredAt());
    }

    private void record(Kind kind, String subject, Instant at) {
        jdbc.update("insert into signal (event_id, kind, subject, occurred_at) values (?, ?, ?, ?)", UUID.randomUUID(),
                kind, subject, at);
    }

    /** Signals of one kind per subject since {@code since}. */
    public Map<String, Long> countSince(Kind kind, Instant since) {
        Map<String, Long> counts = new TreeMap<>();
        jdbc.query("select subject, count(*) from signal where kind = ? and occurred_at >= ? group by subject",
                rs -> counts.put(rs.getString(1), rs.getLong(2)), kind, since);
        return counts;
    }

    /** The case id of a case code, if ops have seen its call. */
    public java.util.Optional<UUID> caseIdOf(String caseCode) {
        return jdbc.first("select case_id from case_index where case_code = ?", rs -> rs.getObject(1, UUID.class),
                caseCode);
    }

    /** Forgets signals and case codes older than {@code keep}. */
    @Transactional
    public void prune(Instant before) {
        jdbc.update("delete from signal where occurred_at < ?", before);
        jdbc.update("delete from case_index where received_at < ?", before);
    }
}
