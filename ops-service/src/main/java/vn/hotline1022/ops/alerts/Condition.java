package vn.hotline1022.ops.alerts;

/** A rule's condition that holds now for one subject: an alert is open for it, or is raised. */
public record Condition(Rule rule, String subject, Severity severity, String detail) {

    public enum Rule {
        CONSUMER_LAG, CONSUMER_STALLED, DLQ_GROWTH, OUTBOX_AGE, SERVICE_DOWN, SLA_ESCALATIONS, REFERRAL_EXPIRIES,
        REFERRAL_WAITING, NOTIFICATION_FAILURES
    }

    public enum Severity {
        WARNING, CRITICAL
    }
}
