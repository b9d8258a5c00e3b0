package vn.hotline1022.events.notification;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import vn.hotline1022.events.CaseEvent;

/**
 * A message about the case went out. Lets intake show the agent what the citizen has already been told.
 *
 * @param sourceEventType ce type of the event that triggered it, e.g. {@code vn.hotline1022.dispatch.TeamDispatched.v1}
 * @param recipientKind   e.g. {@code CITIZEN}, {@code TEAM}, {@code HOSPITAL}
 * @param channel         e.g. {@code SMS}, {@code ZALO}
 */
public record NotificationSent(
        UUID caseId,
        String caseCode,
        Instant occurredAt,
        UUID notificationId,
        String sourceEventType,
        String recipientKind,
        String channel) implements CaseEvent {

    public NotificationSent {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}
