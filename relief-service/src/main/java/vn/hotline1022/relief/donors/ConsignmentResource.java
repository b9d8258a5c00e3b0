package vn.hotline1022.relief.donors;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
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
import org.jboss.logging.Logger;

import vn.hotline1022.commons.security.CurrentUser;
import vn.hotline1022.commons.security.Roles;
import vn.hotline1022.commons.web.ProblemException;
import vn.hotline1022.relief.access.ReliefScope;
import vn.hotline1022.relief.warehouses.Warehouse;
import vn.hotline1022.relief.deliveries.Allocator;
import vn.hotline1022.relief.programmes.Programme;

/** Consignments announced by donors and received at the warehouse: the stock that deliveries are timed to. */
@Path("/api/v1/consignments")
@Tag(name = "Donors")
public class ConsignmentResource {

    private static final Logger LOG = Logger.getLogger(ConsignmentResource.class);

    @Inject
    Allocator allocator;

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
        // A consignment is where its warehouse is.
        List<Object> params = new java.util.ArrayList<>();
        String inScope = scope.where("w.", params);
        String query = "select c from Consignment c, Warehouse w where w.code = c.warehouseCode and " + inScope;
        if (programmeCode != null) {
            params.add(programmeCode);
            query += " and c.programmeCode = ?" + params.size();
        }
        List<Consignment> found = Consignment.find(query + " order by c.expectedAt", params.toArray()).list();
        return found.stream().map(c -> ConsignmentView.of(c, null)).toList();
    }

    @POST
    @RolesAllowed({ Roles.RELIEF_OFFICER, Roles.ADMIN })
    @Transactional
    public Response announce(@Valid @NotNull NewConsignment request) {
        if (Donor.findByCode(request.donorCode()) == null) {
            throw ProblemException.invalidField("donorCode", "no such donor");
        }
        Programme programme = Programme.findByCode(request.programmeCode());
        if (programme == null || !scope.require().coversProvince(programme.provinceCode)) {
            throw ProblemException.invalidField("programmeCode", "no such programme");
        }
        Consignment c = new Consignment();
        c.id = UUID.randomUUID();
        c.donorCode = request.donorCode();
        c.programmeCode = request.programmeCode();
        c.quantity = request.quantity();
        c.warehouseCode = allocator.warehouseFor(programme, request.warehouseCode());
        Warehouse destination = Warehouse.findByCode(c.warehouseCode);
        scope.requirePlace(destination.provinceCode, destination.districtCode);
        c.status = Consignment.Status.EXPECTED;
        c.expectedAt = request.expectedAt();
        c.createdBy = user.username();
        c.createdAt = Instant.now();
        c.persist();
        return Response.created(URI.create("/api/v1/consignments/" + c.id)).entity(ConsignmentView.of(c, null))
                .build();
    }

    /**
     * The consignment is at the warehouse (hàng về): its packages join the programme's stock and waiting requests are
     * scheduled from them, oldest first, in the same transaction. Recorded once: a second arrival is a conflict.
     */
    @POST
    @Path("/{id}/arrival")
    @RolesAllowed({ Roles.RELIEF_OFFICER, Roles.ADMIN })
    @Transactional
    public ConsignmentView arrived(@PathParam("id") UUID id) {
        Consignment found = Consignment.findById(id);
        Warehouse at = found == null ? null : Warehouse.findByCode(found.warehouseCode);
        if (found == null || at == null || !scope.sees(at.provinceCode, at.districtCode)) {
            throw ProblemException.notFound("Consignment " + id);
        }
        // Locking order: the programme row before anything else that is
        // locked; the consignment row is locked after it so two arrivals of one consignment queue up, the second fails.
        Programme.lockIfActive(found.programmeCode);
        Consignment c = Consignment.findById(id, LockModeType.PESSIMISTIC_WRITE);
        Consignment.getEntityManager().refresh(c);
        if (c.status == Consignment.Status.ARRIVED) {
            throw ProblemException.conflict("Consignment " + id + " already arrived at " + c.arrivedAt);
        }
        c.status = Consignment.Status.ARRIVED;
        c.arrivedAt = Instant.now();
        c.receivedBy = user.username();
        Programme p = allocator.stockArrived(c.programmeCode, c.warehouseCode, c.quantity);
        LOG.infof("Consignment %s of donor %s arrived at %s: %d packages of %s", c.id, c.donorCode,
                c.warehouseCode, c.quantity, c.programmeCode);
        return ConsignmentView.of(c, p.stock);
    }
}
