package vn.hotline1022.relief.donors;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
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
import vn.hotline1022.relief.access.ReliefScope;

/** Consignments announced by donors and received at the warehouse: the stock that deliveries are timed to. */
@Path("/api/v1/consignments")
@Tag(name = "Donors")
public class ConsignmentResource {

    @Inject
    Consignments consignments;

    @Inject
    CurrentUser user;

    @Inject
    ReliefScope scope;

    /**
     * @param quantity      packages of the programme
     * @param warehouseCode where it is delivered; the province's own warehouse when absent
     */
    public record NewConsignment(
            @NotBlank String donorCode,
            @NotBlank String programmeCode,
            @Min(1) @Max(1_000_000) int quantity,
            @NotNull Instant expectedAt,
            @Size(max = 40) String warehouseCode) {
    }

    public record ConsignmentView(UUID id, String donorCode, String programmeCode, int quantity, String warehouseCode,
            String status, Instant expectedAt, Instant arrivedAt, String receivedBy, Integer programmeStock) {
        static ConsignmentView of(Consignment c, Integer stock) {
            return new ConsignmentView(c.id, c.donorCode, c.programmeCode, c.quantity, c.warehouseCode, c.status.name(),
                    c.expectedAt, c.arrivedAt, c.receivedBy, stock);
        }
    }

    /** Expected and arrived consignments, soonest expected first. */
    @GET
    @RolesAllowed({ Roles.RELIEF_OFFICER, Roles.OPS, Roles.ADMIN })
    public List<ConsignmentView> list(@QueryParam("programmeCode") String programmeCode) {
        return consignments.list(programmeCode, scope).stream().map(c -> ConsignmentView.of(c, null)).toList();
    }

    @POST
    @RolesAllowed({ Roles.RELIEF_OFFICER, Roles.ADMIN })
    public Response announce(@Valid @NotNull NewConsignment request) {
        Consignment c = consignments.announce(request.donorCode(), request.programmeCode(), request.quantity(),
                request.expectedAt(), request.warehouseCode(), user.username(), scope);
        return Response.created(URI.create("/api/v1/consignments/" + c.id)).entity(ConsignmentView.of(c, null))
                .build();
    }

    /** The consignment is at the warehouse (hàng về): waiting requests are scheduled from it at once. */
    @POST
    @Path("/{id}/arrival")
    @RolesAllowed({ Roles.RELIEF_OFFICER, Roles.ADMIN })
    public ConsignmentView arrived(@PathParam("id") UUID id) {
        Consignments.Arrival arrival = consignments.arrived(id, user.username(), scope);
        return ConsignmentView.of(arrival.consignment(), arrival.programmeStock());
    }
}
