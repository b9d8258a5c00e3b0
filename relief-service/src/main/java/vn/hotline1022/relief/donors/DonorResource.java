package vn.hotline1022.relief.donors;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import vn.hotline1022.commons.security.Roles;
import vn.hotline1022.relief.access.ReliefScope;

@Path("/api/v1/donors")
@Tag(name = "Donors")
public class DonorResource {

    @jakarta.inject.Inject
    ReliefScope scope;

    @jakarta.inject.Inject
    Consignments consignments;

    public record NewDonor(
            @NotBlank @Pattern(regexp = "[A-Z0-9][A-Z0-9_-]{1,39}", message = "must be 2-40 capitals, digits, _ or -") String code,
            @NotBlank @Size(max = 200) String name,
            @NotNull Donor.Kind kind) {
    }

    public record DonorView(UUID id, String code, String name, String kind, Instant createdAt) {
        static DonorView of(Donor d) {
            return new DonorView(d.id, d.code, d.name, d.kind.name(), d.createdAt);
        }
    }

    @GET
    @RolesAllowed({ Roles.RELIEF_OFFICER, Roles.OPS, Roles.ADMIN })
    public List<DonorView> list() {
        // Donors (the Red Cross, the Fatherland Front) give across provinces: anyone with an area sees them all.
        scope.require();
        return Donor.<Donor> list("order by code").stream().map(DonorView::of).toList();
    }

    @POST
    @RolesAllowed({ Roles.RELIEF_OFFICER, Roles.ADMIN })
    public Response create(@Valid @NotNull NewDonor request) {
        scope.require();
        Donor d = consignments.registerDonor(request.code(), request.name().strip(), request.kind());
        return Response.created(URI.create("/api/v1/donors/" + d.code)).entity(DonorView.of(d)).build();
    }
}
