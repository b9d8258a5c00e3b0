package vn.hotline1022.events.ops;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import vn.hotline1022.events.HotlineEvent;

/**
 * An ops alert opened: a consumer lags or stalls, dead letters wait, an outbox does not drain, or too many escalations,
 * referral expiries or failed notices within the window. Notification tells the on-call ops.
 *
 * @param rule     e.g. {@code CONSUMER_STALLED}; a String, since rules are added over time
 * @param subject  what it is about: a consumer group and topic, a dead-letter topic, a service, a district code
 * @param severity {@code WARNING} or {@code CRITICAL}
 * @param detail   one line for a person, without personal data
 */
public record OpsAlertRaised(
        UUID alertId,
        Instant occurredAt,
        String rule,
        String subject,
        String severity,
        String detail) implements HotlineEvent {

    public OpsAlertRaised {
        Objects.requireNonNull(alertId, "alertId");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }

    /** Every event of one alert on one partition, in order. */
    @Override
    public String key() {
        return alertId.toString();
    }
}
