package vn.hotline1022.intake.callbacks;

import java.net.URI;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import vn.hotline1022.commons.security.CurrentUser;
import vn.hotline1022.commons.security.Roles;
import vn.hotline1022.intake.calls.CallTaker;
import vn.hotline1022.intake.cases.CaseCodes;
import vn.hotline1022.intake.calls.NewCall;
import vn.hotline1022.intake.cases.CaseView;

/**
 * The agents' callback queue (chờ gọi lại): messages to 1022 that no rule could read, each with the case code its
 * sender was told, in the provinces of the agent's token (none without the claim).
 */
@Path("/api/v1/callbacks")
@Tag(name = "Callbacks")
@RolesAllowed({ Roles.CALL_AGENT, Roles.ADMIN })
public class CallbackResource {

    /** How the agent ended a callback without a case. */
    public record Closing(@NotNull CallbackRequest.Outcome outcome) {
    }

    @Inject
    Callbacks callbacks;

    @Inject
    CurrentUser user;

    @GET
    @Operation(summary = "Pending callbacks in my provinces, oldest first: code, channel, phone, the message")
    public List<CallbackView> pending(@QueryParam("page") @DefaultValue("0") @Min(0) @Max(100_000) int page,
            @QueryParam("size") @DefaultValue("100") @Min(1) @Max(Callbacks.QUEUE_PAGE) int size) {
        return callbacks.pending(user.scope(), page, size).stream().map(CallbackView::of).toList();
    }

    @POST
    @Path("/{code}/case")
    @Operation(summary = "I called back: open the case with the callback's code (201), or join the phone's open case"
            + " (200); the phone must be the one that wrote; the phone and message are then erased from the callback;"
            + " 409 when the callback is already done")
    public Response openCase(@PathParam("code") @Pattern(regexp = CaseCodes.PATTERN,
            message = "must look like " + CaseCodes.EXAMPLE) String code, @Valid @NotNull NewCall call) {
        CallTaker.Taken taken = callbacks.openCase(code, call, user.scope(), user.username());
        CaseView view = CaseView.answerToCall(taken.hotlineCase(), taken.linkedBy());
        return taken.created()
                ? Response.created(URI.create("/api/v1/cases/" + view.code())).entity(view).build()
                : Response.ok(view).build();
    }

    @POST
    @Path("/{code}/close")
    @Operation(summary = "End a callback without a case: unreachable, no help needed, or not a request; the phone and"
            + " message are erased; 409 when already done")
    public CallbackView close(@PathParam("code") @Pattern(regexp = CaseCodes.PATTERN,
            message = "must look like " + CaseCodes.EXAMPLE) String code, @Valid @NotNull Closing closing) {
        return CallbackView.of(callbacks.close(code, closing.outcome(), user.scope(), user.username()));
    }
}
