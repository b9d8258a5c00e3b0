package vn.hotline1022.notification.notices;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.RestStreamElementType;

import io.smallrye.mutiny.Multi;
import vn.hotline1022.commons.security.CurrentUser;
import vn.hotline1022.commons.security.Roles;
import vn.hotline1022.commons.security.Scope;
import vn.hotline1022.commons.security.TokenLifetime;
import vn.hotline1022.commons.web.ProblemException;
import vn.hotline1022.events.EventType;
import vn.hotline1022.notification.contacts.CitizenContact;

/** What the recipients of a case have been told, and what could not be delivered; live for the console. */
@Path("/api/v1/notifications")
@Tag(name = "Notifications")
public class NotificationResource {

    private static final String UUID_PATTERN =
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

    /**
     * {@code eventType} is the event's name, e.g. {@code TeamDispatched}; {@code text} is what the recipient read. No
     * address: the citizen's number and officials' mailboxes stay in this service.
     */
    public record NotificationView(UUID id, UUID caseId, String caseCode, String eventType, String recipientKind,
            String channel, String status, int attempts, String error, String text, Instant createdAt, Instant sentAt,
            boolean urgent, Instant nextAttemptAt, String providerId) {
        static NotificationView of(Notification n) {
            String eventType = EventType.fromCeType(n.sourceEventType).map(EventType::eventName)
                    .orElse(n.sourceEventType);
            return new NotificationView(n.id, n.caseId, n.caseCode, eventType, n.recipientKind, n.channel,
                    n.status.name(), n.attempts, n.error, ReceiptCodes.mask(n.text), n.createdAt, n.sentAt, n.urgent,
                    n.status == Notification.Status.PENDING ? n.nextAttemptAt : null, n.providerId);
        }
    }

    @Inject
    NoticeStream stream;

    @Inject
    CurrentUser user;

    @Inject
    JsonWebToken token;

    /** Required: the log is read one case at a time (the console's case view). */
    @GET
    @RolesAllowed({ Roles.CALL_AGENT, Roles.DISPATCHER, Roles.OPS, Roles.ADMIN })
    public List<NotificationView> list(
            @QueryParam("caseId") @NotBlank @Pattern(regexp = UUID_PATTERN, message = "must be a UUID") String caseId) {
        CitizenContact contact = CitizenContact.findById(UUID.fromString(caseId));
        if (!mayRead(contact == null ? null : contact.provinceCode, contact == null ? null : contact.districtCode)) {
            return List.of(); // another area's case: to this caller it has told nobody anything
        }
        return Notification.forCase(UUID.fromString(caseId)).stream().map(NotificationView::of).toList();
    }

    /**
     * Server-sent events: every notice as it is recorded and as its status changes, one JSON {@link NotificationView}
     * per event. Only for clients that ask for {@code text/event-stream} (EventSource does): anything else gets 406
     * rather than a response that never ends.
     */
    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.CALL_AGENT, Roles.DISPATCHER, Roles.OPS, Roles.ADMIN })
    @Operation(summary = "Live feed of the delivery log (text/event-stream)")
    public Multi<NotificationView> stream(@HeaderParam("Accept") String accept) {
        if (accept == null || !accept.contains(MediaType.SERVER_SENT_EVENTS)) {
            throw new ProblemException(406, "Not acceptable", "This stream is served as text/event-stream only",
                    List.of());
        }
        // Checked per notice against the caller's area as it was when the stream opened; ends with the token.
        Scope area = user.scope();
        boolean everyPlace = user.has(Roles.OPS) || user.has(Roles.ADMIN);
        return TokenLifetime.bounded(stream.subscribe(), token)
                .filter(n -> n.provinceCode == null ? everyPlace : area.covers(n.provinceCode, n.districtCode))
                .map(NotificationView::of);
    }

    /**
     * A case's notices are read in its area; notices with no place (ops alerts, reports) by ops and admins only, as
     * are those of a case whose call this service has not seen.
     */
    private boolean mayRead(String provinceCode, String districtCode) {
        if (provinceCode == null) {
            return user.has(Roles.OPS) || user.has(Roles.ADMIN);
        }
        return user.scope().covers(provinceCode, districtCode);
    }
}
