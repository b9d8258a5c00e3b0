package vn.hotline1022.relief.deliveries;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import vn.hotline1022.commons.security.CurrentUser;
import vn.hotline1022.commons.security.Roles;
import vn.hotline1022.commons.web.ProblemException;
import vn.hotline1022.relief.access.ReliefScope;

/**
 * For agents (why did this case get no package?), relief officers (is this really a duplicate?) and ward volunteers
 * (the package was handed over).
 */
@Path("/api/v1/deliveries")
@Tag(name = "Deliveries")
public class DeliveryResource {

    @Inject
    WaitingEstimates estimates;

    @Inject
    CurrentUser user;

    @Inject
    DuplicateReviews reviews;

    @Inject
    ProofOfDelivery proof;

    @Inject
    ReliefScope scope;

    /**
     * @param duplicateMatch for DUPLICATE: PHONE, CITIZEN_ID or ADDRESS
     * @param duplicateOf    the other household matched (CITIZEN_ID, ADDRESS)
     * @param duplicateProgramme a DUPLICATE across programmes: the other programme serving the same need
     * @param reviewDecision an officer's review of a DUPLICATE: CONFIRMED or OVERRIDDEN
     * @param expectedBy     SCHEDULED: the promised time; WAITING: an estimate from the queue and the consignments
     *                       announced (null while none covers it)
     */
    public record DeliveryView(UUID id, UUID caseId, String caseCode, UUID householdId, String programmeCode,
            List<String> needs, String wardCode, String source, String status, String reason, String detail,
            String duplicateMatch, UUID duplicateOf, String duplicateProgramme, String reviewDecision, String reviewedBy,
            String reviewJustification, Instant reviewedAt, Instant requestedAt, Instant scheduledAt,
            Instant expectedBy, String warehouseCode, Instant deliveredAt, String deliveredBy,
            Instant recipientCodeSentAt, int recipientCodeResends, NoCodeConfirmation withoutCode) {
        static DeliveryView of(Delivery d) {
            return of(d, d.expectedBy);
        }

        static DeliveryView of(Delivery d, Instant expectedBy) {
            return new DeliveryView(d.id, d.caseId, d.caseCode, d.householdId, d.programmeCode, d.needs, d.wardCode,
                    d.source, d.status.name(), d.reason == null ? null : d.reason.name(), d.detail, d.duplicateMatch,
                    d.duplicateOf, d.duplicateProgramme, d.reviewDecision, d.reviewedBy, d.reviewJustification, d.reviewedAt,
                    d.requestedAt, d.scheduledAt, expectedBy, d.warehouseCode, d.deliveredAt, d.deliveredBy,
                    d.recipientCodeSentAt, d.recipientCodeRound, NoCodeConfirmation.of(d));
        }
    }

    /**
     * @param deliveredBy   the organisation or volunteer group, e.g. "MTTQ phường Phú Cường"
     * @param recipientCode the 6-digit code the household was given, shown at the door as proof
     */
    public record Confirmation(
            @NotBlank @Size(max = 200) String deliveredBy,
            @NotBlank @Pattern(regexp = "\\s*\\d{6}\\s*", message = "must be the 6-digit code given to the household") String recipientCode) {
    }

    /** A delivery confirmed without the household's code: who asked and why, who approved. */
    public record NoCodeConfirmation(String requestedBy, Instant requestedAt, String reason, String deliveredBy,
            String approvedBy, Instant approvedAt) {
        static NoCodeConfirmation of(Delivery d) {
            return d.noCodeRequestedBy == null ? null : new NoCodeConfirmation(d.noCodeRequestedBy,
                    d.noCodeRequestedAt, d.noCodeReason, d.noCodeDeliveredBy, d.noCodeApprovedBy, d.noCodeApprovedAt);
        }
    }

    /** The household cannot show its code: the first officer says who delivered and why. */
    public record WithoutCode(@NotBlank @Size(max = 200) String deliveredBy,
            @NotBlank @Size(min = 10, max = 1000) String reason) {
    }

    /** Why the officer decided so; kept with the delivery, with the officer's name, for audit. */
    public record Review(@NotBlank @Size(min = 10, max = 1000) String justification) {
    }

    /** The decisions for one case; without caseId the 200 latest. */
    @GET
    @RolesAllowed({ Roles.CALL_AGENT, Roles.RELIEF_OFFICER, Roles.OPS, Roles.ADMIN })
    public List<DeliveryView> list(@QueryParam("caseId") UUID caseId) {
        List<Object> params = new java.util.ArrayList<>();
        String inScope = scope.where("", params);
        List<Delivery> found;
        if (caseId == null) {
            found = Delivery.<Delivery> find(inScope + " order by requestedAt desc", params.toArray()).page(0, 200)
                    .list();
        } else {
            params.add(caseId);
            found = Delivery.list(inScope + " and caseId = ?" + params.size() + " order by requestedAt, programmeCode",
                    params.toArray());
        }
        return found.stream().map(d -> DeliveryView.of(d, d.status == Delivery.Status.WAITING
                ? estimates.expectedBy(d) : d.expectedBy)).toList();
    }

    @POST
    @Path("/{id}/confirmation")
    @RolesAllowed({ Roles.RELIEF_OFFICER, Roles.ADMIN })
    public DeliveryView confirm(@PathParam("id") UUID id, @Valid @NotNull Confirmation request) {
        checkDistrict(id);
        return DeliveryView.of(proof.confirm(id, request.deliveredBy().strip(), request.recipientCode().strip()));
    }

    /**
     * Sends the household's phone a new receipt code (the old one stops working). The answer never holds the code:
     * only the household receives it. Rate limited per delivery.
     */
    @POST
    @Path("/{id}/recipient-code/resend")
    @RolesAllowed({ Roles.RELIEF_OFFICER, Roles.ADMIN })
    public Response resendRecipientCode(@PathParam("id") UUID id) {
        checkDistrict(id);
        return Response.accepted(DeliveryView.of(proof.resend(id, user.username()))).build();
    }

    /** First of two officers: confirm a delivery whose household cannot show the code, with the reason. */
    @POST
    @Path("/{id}/confirmation-without-code")
    @RolesAllowed({ Roles.RELIEF_OFFICER, Roles.ADMIN })
    public DeliveryView requestConfirmationWithoutCode(@PathParam("id") UUID id, @Valid @NotNull WithoutCode request) {
        checkDistrict(id);
        return DeliveryView.of(proof.requestWithoutCode(id, request.deliveredBy().strip(), request.reason().strip(),
                user.username()));
    }

    /** Second officer (not the one who asked): the delivery counts as delivered, both names on record. */
    @POST
    @Path("/{id}/confirmation-without-code/approval")
    @RolesAllowed({ Roles.RELIEF_OFFICER, Roles.ADMIN })
    public DeliveryView approveConfirmationWithoutCode(@PathParam("id") UUID id) {
        checkDistrict(id);
        return DeliveryView.of(proof.approveWithoutCode(id, user.username()));
    }

    /** Schedules a request refused as DUPLICATE after all: the officer found two households, and says why. */
    @POST
    @Path("/{id}/override")
    @RolesAllowed({ Roles.RELIEF_OFFICER, Roles.ADMIN })
    public DeliveryView override(@PathParam("id") UUID id, @Valid @NotNull Review request) {
        checkDistrict(id);
        return DeliveryView.of(reviews.overrideDuplicate(id, request.justification().strip(), user.username()));
    }

    /** Confirms a DUPLICATE refusal after checking it: it stays refused, now with who checked and why. */
    @POST
    @Path("/{id}/duplicate-confirmation")
    @RolesAllowed({ Roles.RELIEF_OFFICER, Roles.ADMIN })
    public DeliveryView confirmDuplicate(@PathParam("id") UUID id, @Valid @NotNull Review request) {
        checkDistrict(id);
        return DeliveryView.of(reviews.confirmDuplicate(id, request.justification().strip(), user.username()));
    }

    /** An officer acts only in their area; to them other deliveries do not exist. */
    private void checkDistrict(UUID id) {
        Delivery d = Delivery.findById(id);
        if (d != null && !scope.sees(d.provinceCode, d.districtCode)) {
            throw ProblemException.notFound("Delivery " + id);
        }
    }
}
