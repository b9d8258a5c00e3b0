package vn.hotline1022.intake.tracking;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;

import io.vertx.core.http.HttpServerRequest;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import vn.hotline1022.text.PhoneNumbers;
import vn.hotline1022.commons.web.VietnamesePhone;
import vn.hotline1022.commons.web.GuessingDoors;
import vn.hotline1022.commons.web.ProblemException;
import vn.hotline1022.commons.web.RateLimited;
import vn.hotline1022.intake.cases.CaseCodes;
import vn.hotline1022.intake.tracking.CitizenCases.Status;

/**
 * The citizen's own view of a case (tra cứu hồ sơ), by the code they were told and the phone they called from. No
 * sign-in; limited per client address, per case code and per phone, and locked after repeated failures. The phone
 * travels in the body, never in the URL (where proxies log it). Shows no personal data: status and the latest step.
 */
@Path("/api/v1/public/cases")
@Tag(name = "Citizen tracking")
public class PublicCaseResource {

    public record Lookup(@NotBlank @VietnamesePhone String phone) {
        @Override
        public String toString() {
            return "Lookup[phone hidden]";
        }
    }

    public record Confirmation(@NotBlank @VietnamesePhone String phone, @NotNull Boolean helped) {
        @Override
        public String toString() {
            return "Confirmation[helped=" + helped + "]";
        }
    }

    /** Looking up and confirming spend one budget: both are guesses of a code for a phone. */
    private static final String DOOR = "case-code";

    @Inject
    CitizenCases cases;

    @Inject
    GuessingDoors doors;

    @Context
    HttpServerRequest request;

    @POST
    @Path("/{code}/lookup")
    @PermitAll
    @RateLimited
    @Operation(summary = "Where my case stands: status and the latest step; 404 unless the phone is the caller's")
    public Status track(@PathParam("code") @Pattern(regexp = CaseCodes.PATTERN,
            message = "must look like " + CaseCodes.EXAMPLE) String code, @Valid @NotNull Lookup lookup) {
        String phone = PhoneNumbers.normalise(lookup.phone()).orElseThrow();
        doors.spend(DOOR, phone, request).ifPresent(wait -> {
            throw ProblemException.tooManyRequests(wait);
        });
        return cases.track(code, phone);
    }

    @POST
    @Path("/{code}/confirmation")
    @PermitAll
    @RateLimited
    @Operation(summary = "The citizen says whether help arrived: yes resolves the case (CaseResolved); no puts it back"
            + " in progress (CaseReopened) and counts as a missed deadline, so it is escalated, at most once per"
            + " interval (later answers are recorded as contacts)")
    public Status confirm(@PathParam("code") @Pattern(regexp = CaseCodes.PATTERN,
            message = "must look like " + CaseCodes.EXAMPLE) String code, @Valid @NotNull Confirmation confirmation) {
        String phone = PhoneNumbers.normalise(confirmation.phone()).orElseThrow();
        doors.spend(DOOR, phone, request).ifPresent(wait -> {
            throw ProblemException.tooManyRequests(wait);
        });
        return cases.confirm(code, phone, confirmation.helped());
    }
}
