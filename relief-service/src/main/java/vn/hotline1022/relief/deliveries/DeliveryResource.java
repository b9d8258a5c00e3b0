package vn.hotline1022.relief.deliveries;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import vn.hotline1022.commons.security.CurrentUser;
import vn.hotline1022.commons.security.Roles;
import vn.hotline1022.commons.web.ProblemException;

/** For agents (why did this case get no package?) and ward volunteers (the package was handed over). */
@Path("/api/v1/deliveries")
@Tag(name = "Deliveries")
public class DeliveryResource {

    @Inject
    CurrentUser user;

    @Inject
    Allocator allocator;

    public record DeliveryView(UUID id, UUID caseId, String caseCode, UUID householdId, String programmeCode,
            List<String> needs, String wardCode, String status, String reason, String detail, Instant requestedAt,
            Instant scheduledAt, Instant expectedBy, Instant deliveredAt, String deliveredBy) {
        static DeliveryView of(Delivery d) {
            return new DeliveryView(d.id, d.caseId, d.caseCode, d.householdId, d.programmeCode, d.needs, d.wardCode,
                    d.status.name(), d.reason == null ? null : d.reason.name(), d.detail, d.requestedAt,
                    d.scheduledAt, d.expectedBy, d.deliveredAt, d.deliveredBy);
        }
    }

    /** @param deliveredBy the organisation or volunteer group, e.g. "MTTQ phường Phú Cường" */
    public record Confirmation(@NotBlank @Size(max = 200) String deliveredBy) {
    }

    /** The decisions for one case; without caseId the 200 latest. */
    @GET
    @RolesAllowed({ Roles.CALL_AGENT, Roles.RELIEF_OFFICER, Roles.OPS, Roles.ADMIN })
    public List<DeliveryView> list(@QueryParam("caseId") UUID caseId) {
        List<Delivery> found = caseId == null
                ? Delivery.<Delivery> find("order by requestedAt desc").page(0, 200).list()
                : Delivery.list("caseId = ?1 order by requestedAt, programmeCode", caseId);
        return found.stream().map(DeliveryView::of).toList();
    }

    @POST
    @Path("/{id}/confirmation")
    @RolesAllowed({ Roles.RELIEF_OFFICER, Roles.ADMIN })
    public DeliveryView confirm(@PathParam("id") UUID id, @Valid @NotNull Confirmation request) {
        Delivery d = Delivery.findById(id);
        List<String> districts = user.districtCodes();
        // An officer limited to some districts confirms only there; to them other deliveries do not exist.
        if (d != null && !user.has(Roles.ADMIN) && !districts.isEmpty() && !districts.contains(d.districtCode)) {
            throw ProblemException.notFound("Delivery " + id);
        }
        return DeliveryView.of(allocator.confirm(id, request.deliveredBy().strip()));
    }
}
