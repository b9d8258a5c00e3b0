package vn.hotline1022.ops.deadletters;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import vn.hotline1022.commons.security.CurrentUser;
import vn.hotline1022.commons.security.Roles;
import vn.hotline1022.commons.web.ProblemException;

@Path("/api/v1/dead-letters")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.OPS, Roles.ADMIN })
public class DeadLetterResource {

    private static final String NAME = "[A-Za-z0-9._-]{1,200}";

    @Inject
    DeadLetters deadLetters;

    @Inject
    CurrentUser user;

    /** Which letters a bulk replay takes; fields as the list's query parameters. */
    public record Selection(@Pattern(regexp = NAME) String topic, @Pattern(regexp = NAME) String consumer,
            @Pattern(regexp = NAME) String type, @Size(max = 40) String from) {
    }

    public record Discard(@NotBlank @Size(max = 500) String reason) {
    }

    public record Replayed(int replayed) {
    }

    @GET
    @Operation(summary = "Dead letters, newest first (at most 200), by topic, consumer, event type, time and status")
    public List<DeadLetterView> list(@QueryParam("topic") @Pattern(regexp = NAME) String topic,
            @QueryParam("consumer") @Pattern(regexp = NAME) String consumer,
            @QueryParam("type") @Pattern(regexp = NAME) String type,
            @QueryParam("from") @Size(max = 40) String from,
            @QueryParam("status") @Pattern(regexp = "NEW|REPLAYED|DISCARDED") String status) {
        return deadLetters.list(new DeadLetterFilter(topic, consumer, type, instant(from),
                status == null ? null : DeadLetter.Status.valueOf(status))).stream().map(DeadLetterView::of).toList();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One dead letter with its headers and its payload, phones, names and addresses masked")
    public DeadLetterView get(@PathParam("id") UUID id) {
        DeadLetter d = deadLetters.get(id);
        return DeadLetterView.of(d, deadLetters.maskedPayload(d), Map.copyOf(d.headers));
    }

    @POST
    @Path("/{id}/replay")
    @Operation(summary = "Republish to the original topic with the same ce_id (inboxes drop what they handled)")
    public DeadLetterView replay(@PathParam("id") UUID id) {
        return DeadLetterView.of(deadLetters.replay(id, user.username()));
    }

    @POST
    @Path("/replay")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replay every NEW dead letter the selection matches (at most 500 a call), oldest first")
    public Replayed replayAll(@Valid Selection selection) {
        Selection s = selection == null ? new Selection(null, null, null, null) : selection;
        return new Replayed(deadLetters.replayAll(
                new DeadLetterFilter(s.topic(), s.consumer(), s.type(), instant(s.from()), null), user.username()));
    }

    @POST
    @Path("/{id}/discard")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Mark a dead letter as not to be replayed, with the reason")
    public DeadLetterView discard(@PathParam("id") UUID id, @Valid @NotNull Discard discard) {
        return DeadLetterView.of(deadLetters.discard(id, discard.reason().strip(), user.username()));
    }

    private static Instant instant(String from) {
        if (from == null || from.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(from);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidField("from", "must be an ISO-8601 instant, e.g. 2021-08-17T02:00:00Z");
        }
    }
}
