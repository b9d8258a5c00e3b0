package vn.hotline1022.intake.calls;

import java.net.URI;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import vn.hotline1022.commons.security.CurrentUser;
import vn.hotline1022.commons.security.Roles;
import vn.hotline1022.intake.cases.CaseView;

@Path("/api/v1/calls")
@Tag(name = "Calls")
public class CallResource {

    @Inject
    CallTaker callTaker;

    @Inject
    CurrentUser user;

    @POST
    @RolesAllowed({ Roles.CALL_AGENT, Roles.ADMIN })
    @Operation(summary = "Record a call and open a case",
            description = "201 with the new case. 200 with the caller's open case (linkedRepeatCall true) when the same"
                    + " phone already has a case that is not resolved, or (linkedBy HOUSEHOLD_ADDRESS) another phone"
                    + " called about the same specific address (house number and street or hamlet) in the same ward:"
                    + " the call is attached to it, never a second case."
                    + " 200 with the same case when the same callId is posted again.")
    public Response receive(@Valid @NotNull NewCall call) {
        CallTaker.Taken taken = callTaker.takeAt(call, user.username(), user.scope());
        CaseView view = CaseView.answerToCall(taken.hotlineCase(), taken.linkedBy());
        return taken.created()
                ? Response.created(URI.create("/api/v1/cases/" + view.code())).entity(view).build()
                : Response.ok(view).build();
    }
}
