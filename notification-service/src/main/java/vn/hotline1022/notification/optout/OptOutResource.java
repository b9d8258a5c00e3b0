package vn.hotline1022.notification.optout;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.vertx.core.http.HttpServerRequest;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import vn.hotline1022.commons.web.VietnamesePhone;
import vn.hotline1022.commons.web.GuessingDoors;
import vn.hotline1022.commons.web.ProblemException;
import vn.hotline1022.commons.web.RateLimited;
import vn.hotline1022.text.PhoneNumbers;

/**
 * A citizen stops the notices (từ chối nhận tin) by giving their number and one of their case codes. The answer is
 * the same whether or not they match, so the endpoint tells nobody which numbers called 1022.
 */
@Path("/api/v1/public/opt-out")
@Tag(name = "Citizens")
public class OptOutResource {

    /** @param phone in any usual spelling: 0912 345 678, +84912345678, 84912345678 */
    public record OptOutRequest(@NotBlank @VietnamesePhone String phone, @NotBlank @Size(max = 40) String caseCode) {
        @Override
        public String toString() {
            return "OptOutRequest[" + caseCode + "]";
        }
    }

    @Inject
    OptOuts optOuts;

    @Inject
    GuessingDoors doors;

    @Context
    HttpServerRequest client;

    /** 202 always: accepted when the number is the one that called about this case, silently ignored otherwise. */
    @POST
    @PermitAll // citizens have no account; the case code proves the number is theirs
    @RateLimited
    @Consumes(MediaType.APPLICATION_JSON)
    public Response optOut(@Valid @NotNull OptOutRequest request) {
        // Every attempt counts, matched or not: the budget tells nothing about which guess was right.
        doors.spend("opt-out", PhoneNumbers.normalise(request.phone()).orElseThrow(), client).ifPresent(wait -> {
            throw ProblemException.tooManyRequests(wait);
        });
        optOuts.optOut(request.caseCode().strip(), request.phone());
        return Response.accepted().build();
    }
}
