package vn.hotline1022.relief.programmes;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import vn.hotline1022.commons.security.Roles;
import vn.hotline1022.commons.web.ProblemException;
import vn.hotline1022.events.common.Need;
import vn.hotline1022.relief.deliveries.Allocator;

@Path("/api/v1/programmes")
@Tag(name = "Programmes")
public class ProgrammeResource {

    @Inject
    Allocator allocator;

    /** One line of a package; quantity as counted on the ground (kg, thùng, bình). */
    public record Item(
            @NotBlank @Pattern(regexp = "[A-Z][A-Z0-9_]{1,39}", message = "must be an item code like RICE") String itemType,
            @Min(1) int quantity,
            @NotBlank @Size(max = 20) String unit) {
    }

    /**
     * @param perHouseholdCap packages one household may receive from the programme
     * @param stock           packages on hand now; consignments are added later through /stock
     * @param active          true when absent
     */
    public record NewProgramme(
            @NotBlank @Pattern(regexp = "[A-Z0-9][A-Z0-9_-]{1,39}", message = "must be 2-40 capitals, digits, _ or -") String code,
            @NotBlank @Size(max = 200) String name,
            @NotBlank @Pattern(regexp = "\\d{2}", message = "must be a 2-digit province code") String provinceCode,
            @NotEmpty Set<@NotNull Need> needs,
            List<@Valid @NotNull Item> items,
            @Positive Long amountVnd,
            @Min(1) @Max(1000) int perHouseholdCap,
            @Min(0) int stock,
            Boolean active) {
    }

    public record StockArrival(@Min(1) @Max(1_000_000) int quantity) {
    }

    public record ProgrammeView(UUID id, String code, String name, String provinceCode, List<String> needs,
            List<Item> items, Long amountVnd, int perHouseholdCap, int stock, boolean active, Instant createdAt) {
        static ProgrammeView of(Programme p) {
            return new ProgrammeView(p.id, p.code, p.name, p.provinceCode, p.needs,
                    p.items.stream().map(i -> new Item(i.itemType, i.quantity, i.unit)).toList(), p.amountVnd,
                    p.perHouseholdCap, p.stock, p.active, p.createdAt);
        }
    }

    @GET
    @RolesAllowed({ Roles.CALL_AGENT, Roles.RELIEF_OFFICER, Roles.OPS, Roles.ADMIN })
    public List<ProgrammeView> list(
            @QueryParam("provinceCode") @Pattern(regexp = "\\d{2}", message = "must be a 2-digit province code") String provinceCode) {
        List<Programme> found = provinceCode == null
                ? Programme.find("select distinct p from Programme p left join fetch p.items order by p.code").list()
                : Programme.find("select distinct p from Programme p left join fetch p.items where p.provinceCode = ?1 "
                        + "order by p.code", provinceCode).list();
        return found.stream().map(ProgrammeView::of).toList();
    }

    @POST
    @RolesAllowed({ Roles.RELIEF_OFFICER, Roles.ADMIN })
    @Transactional
    public Response create(@Valid @NotNull NewProgramme request) {
        if (request.needs().stream().anyMatch(n -> !n.isRelief())) {
            throw ProblemException.invalidField("needs", "only relief needs: FOOD, RENT_SUPPORT, CASH_SUPPORT, OXYGEN_SUPPORT");
        }
        List<Item> items = request.items() == null ? List.of() : request.items();
        if (items.isEmpty() && request.amountVnd() == null) {
            throw ProblemException.invalidField("items", "a package needs items, an amountVnd, or both");
        }
        if (Programme.findByCode(request.code()) != null) {
            throw ProblemException.conflict("Programme " + request.code() + " already exists");
        }
        Programme p = new Programme();
        p.id = UUID.randomUUID();
        p.code = request.code();
        p.name = request.name();
        p.provinceCode = request.provinceCode();
        p.needs = request.needs().stream().sorted().map(Need::name).toList();
        for (Item i : items) {
            ProgrammeItem line = new ProgrammeItem();
            line.itemType = i.itemType();
            line.quantity = i.quantity();
            line.unit = i.unit();
            p.items.add(line);
        }
        p.amountVnd = request.amountVnd();
        p.perHouseholdCap = request.perHouseholdCap();
        p.stock = request.stock();
        p.active = request.active() == null || request.active();
        p.createdAt = Instant.now();
        p.persist();
        return Response.created(URI.create("/api/v1/programmes/" + p.code)).entity(ProgrammeView.of(p)).build();
    }

    /** A consignment from a donor arrived: waiting requests are scheduled from it at once, oldest first. */
    @POST
    @RolesAllowed({ Roles.RELIEF_OFFICER, Roles.ADMIN })
    @Path("/{code}/stock")
    @Transactional
    public ProgrammeView addStock(@PathParam("code") String code, @Valid @NotNull StockArrival request) {
        return ProgrammeView.of(allocator.stockArrived(code, request.quantity()));
    }
}
