package vn.hotline1022.notification.notices;

import java.time.Instant;
import java.util.UUID;

import vn.hotline1022.events.CaseEvent;
import vn.hotline1022.events.HotlineEvent;
import vn.hotline1022.events.intake.DailySummaryIssued;
import vn.hotline1022.events.intake.PhoneConfirmationRequested;
import vn.hotline1022.events.intake.WeeklyReportIssued;
import vn.hotline1022.events.intake.ZoneStatusChanged;
import vn.hotline1022.events.ops.OpsAlertRaised;
import vn.hotline1022.events.ops.OpsAlertResolved;

/**
 * An event that is not about a case, as the delivery log records a notice's subject: the log is kept per case, and
 * an ops alert, a weekly report, a daily summary, a zone change or a web request waiting for its phone's code is its
 * own subject here (its id in place of a case id, a readable code such as
 * {@code OPS-CONSUMER_STALLED} or {@code REPORT-718-2021-08-16} in place of a case code). Never published.
 */
record SubjectNotice(UUID caseId, String caseCode, Instant occurredAt, HotlineEvent event) implements CaseEvent {

    static SubjectNotice of(HotlineEvent event) {
        if (event instanceof OpsAlertRaised r) {
            return new SubjectNotice(r.alertId(), "OPS-" + r.rule(), r.occurredAt(), r);
        }
        if (event instanceof OpsAlertResolved r) {
            return new SubjectNotice(r.alertId(), "OPS-" + r.rule(), r.occurredAt(), r);
        }
        if (event instanceof PhoneConfirmationRequested r) {
            return new SubjectNotice(r.requestId(), "REQUEST-" + r.requestId().toString().substring(0, 8),
                    r.occurredAt(), r);
        }
        if (event instanceof WeeklyReportIssued r) {
            return new SubjectNotice(r.reportId(), "REPORT-" + r.areaCode() + "-" + r.weekStart(), r.occurredAt(), r);
        }
        if (event instanceof DailySummaryIssued r) {
            return new SubjectNotice(r.summaryId(), "SUMMARY-" + r.districtCode() + "-" + r.day(), r.occurredAt(), r);
        }
        if (event instanceof ZoneStatusChanged r) {
            // No id of its own: one per ward and moment, the same on every redelivery.
            UUID id = UUID.nameUUIDFromBytes(("zone:" + r.wardCode() + ":" + r.occurredAt())
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return new SubjectNotice(id, "ZONE-" + r.wardCode(), r.occurredAt(), r);
        }
        throw new IllegalArgumentException("not a subject of its own: " + event.getClass().getSimpleName());
    }
}
