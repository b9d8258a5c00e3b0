package vn.hotline1022.notification.notices;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import vn.hotline1022.commons.security.Roles;
import vn.hotline1022.events.EventType;

/** What the citizen of a case has been told, and what could not be delivered. */
@Path("/api/v1/notifications")
@Tag(name = "Notifications")
public class NotificationResource {

    private static final String UUID_PATTERN =
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

    /** {@code eventType} is the event's name, e.g. {@code TeamDispatched}; {@code text} is what the recipient read. */
    public record NotificationView(UUID id, UUID caseId, String caseCode, String eventType, String recipientKind,
            String channel, String status, int attempts, String error, String text, Instant createdAt, Instant sentAt) {
        static NotificationView of(Notification n) {
            String eventType = EventType.fromCeType(n.sourceEventType).map(EventType::eventName)
                    .orElse(n.sourceEventType);
            return new NotificationView(n.id, n.caseId, n.caseCode, eventType, n.recipientKind, n.channel,
                    n.status.name(), n.attempts, n.error, n.text, n.createdAt, n.sentAt);
        }
    }

    /** Required: the log is read one case at a time (the console's case view). */
    @GET
    @RolesAllowed({ Roles.CALL_AGENT, Roles.DISPATCHER, Roles.OPS, Roles.ADMIN })
    public List<NotificationView> list(
            @QueryParam("caseId") @NotBlank @Pattern(regexp = UUID_PATTERN, message = "must be a UUID") String caseId) {
        return Notification.forCase(UUID.fromString(caseId)).stream().map(NotificationView::of).toList();
    }
}
