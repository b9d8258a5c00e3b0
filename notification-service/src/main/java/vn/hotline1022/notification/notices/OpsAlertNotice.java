package vn.hotline1022.notification.notices;

import java.time.Instant;
import java.util.UUID;

import vn.hotline1022.events.CaseEvent;
import vn.hotline1022.events.HotlineEvent;
import vn.hotline1022.events.ops.OpsAlertRaised;
import vn.hotline1022.events.ops.OpsAlertResolved;

/**
 * An ops alert as the delivery log records a notice's subject: the log is kept per case, and an alert is its own
 * subject here (its id in place of a case id, {@code OPS-<rule>} in place of a case code). Never published.
 */
record OpsAlertNotice(UUID caseId, String caseCode, Instant occurredAt, HotlineEvent alert) implements CaseEvent {

    static OpsAlertNotice of(HotlineEvent alert) {
        if (alert instanceof OpsAlertRaised r) {
            return new OpsAlertNotice(r.alertId(), "OPS-" + r.rule(), r.occurredAt(), r);
        }
        if (alert instanceof OpsAlertResolved r) {
            return new OpsAlertNotice(r.alertId(), "OPS-" + r.rule(), r.occurredAt(), r);
        }
        throw new IllegalArgumentException("not an ops alert: " + alert.getClass().getSimpleName());
    }
}
