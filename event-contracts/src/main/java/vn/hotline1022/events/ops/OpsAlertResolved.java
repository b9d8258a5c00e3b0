package vn.hotline1022.events.ops;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import vn.hotline1022.events.HotlineEvent;

/** The condition of an ops alert no longer holds. */
public record OpsAlertResolved(
        UUID alertId,
        Instant occurredAt,
        String rule,
        String subject,
        Instant raisedAt) implements HotlineEvent {

    public OpsAlertResolved {
        Objects.requireNonNull(alertId, "alertId");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }

    @Override
    public String key() {
        return alertId.toString();
    }
}
