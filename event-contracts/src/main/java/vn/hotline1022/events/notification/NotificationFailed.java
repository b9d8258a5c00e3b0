package vn.hotline1022.events.notification;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import vn.hotline1022.events.CaseEvent;

/**
 * A message could not be delivered. Published so that someone can reach the recipient another way.
 *
 * @param error the provider's error, shown to agents, so it must not contain the message body
 */
public record NotificationFailed(
        UUID caseId,
        String caseCode,
        Instant occurredAt,
        UUID notificationId,
        String sourceEventType,
        String recipientKind,
        String channel,
        String error) implements CaseEvent {

    public NotificationFailed {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}
