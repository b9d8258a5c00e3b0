package vn.hotline1022.relief.programmes;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
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
import vn.hotline1022.relief.access.ReliefScope;
import vn.hotline1022.events.common.Need;
import vn.hotline1022.events.common.Vulnerability;

@Path("/api/v1/programmes")
@Tag(name = "Programmes")
public class ProgrammeResource {

    @Inject
    Programmes programmes;

    @Inject
    ReliefScope scope;

    /** One line of a package; quantity as counted on the ground (kg, thùng, bình). */
    public record Item(
            @NotBlank @Pattern(regexp = "[A-Z][A-Z0-9_]{1,39}", message = "must be an item code like RICE") String itemType,
            @Min(1) int quantity,
            @NotBlank @Size(max = 20) String unit) {
    }

    /**
     * @param perHouseholdCap packages one household may receive from the programme
     * @param stock           packages on hand now, in the province's warehouse; more arrive through /stock or
     *                        consignments
     * @param active          true when absent
     * @param capPeriod       the cap counts per period: MONTH (calendar month) or days, e.g. P30D; absent: once for
     *                        the programme's whole life
     * @param lowStockThreshold stock at or below it is listed as low; 0 when absent
     * @param eligibility       who may receive it, beyond needing what it covers; everyone in the province when absent
     */
    public record NewProgramme(
            @NotBlank @Pattern(regexp = "[A-Z0-9][A-Z0-9_-]{1,39}", message = "must be 2-40 capitals, digits, _ or -") String code,
            @NotBlank @Size(max = 200) String name,
            @NotBlank @Pattern(regexp = "\\d{2}", message = "must be a 2-digit province code") String provinceCode,
            @NotEmpty Set<@NotNull Need> needs,
            List<@Valid @NotNull Item> items,
            // Per package; a cap keeps the public totals (amount × packages) far from overflowing.
            @Positive @Max(1_000_000_000L) Long amountVnd,
            @Min(1) @Max(1000) int perHouseholdCap,
            @Min(0) @Max(1_000_000) int stock,
            Boolean active,
            @Pattern(regexp = "MONTH|P[1-9][0-9]{0,2}D", message = "must be MONTH or a number of days like P30D") String capPeriod,
            @Min(0) @Max(1_000_000) Integer lowStockThreshold,
            @Valid Eligibility eligibility) {
    }

    /**
     * Eligibility rules (điều kiện hưởng), all of which must hold; an absent rule does not restrict. A household that
     * meets none of the covering programmes' rules is refused as INELIGIBLE, with each programme's unmet rule.
     *
     * @param districtCodes    only households in these districts of the province (e.g. a district's own fund)
     * @param minMembers       only households of at least this many members
     * @param anyVulnerability only households with at least one of these (e.g. cash for the elderly and disabled)
     */
    public record Eligibility(
            List<@NotNull @Pattern(regexp = "\\d{3}", message = "must be 3-digit district codes") String> districtCodes,
            @Min(1) @Max(50) Integer minMembers,
            Set<@NotNull Vulnerability> anyVulnerability) {

        static Eligibility of(Programme p) {
            if (p.eligibleDistrictCodes == null && p.minMembers == null && p.anyVulnerability == null) {
                return null;
            }
            return new Eligibility(p.eligibleDistrictCodes, p.minMembers, p.anyVulnerability == null ? null
                    : p.anyVulnerability.stream().map(Vulnerability::valueOf)
                            .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new)));
        }
    }

    /** @param warehouseCode where the packages are; the province's own warehouse when absent */
    public record StockArrival(@Min(1) @Max(1_000_000) int quantity, String warehouseCode) {
    }

    public record ProgrammeView(UUID id, String code, String name, String provinceCode, List<String> needs,
            List<Item> items, Long amountVnd, int perHouseholdCap, String capPeriod, int stock,
            int lowStockThreshold, boolean active, Eligibility eligibility, Instant createdAt) {
        static ProgrammeView of(Programme p) {
            return new ProgrammeView(p.id, p.code, p.name, p.provinceCode, p.needs,
                    p.items.stream().map(i -> new Item(i.itemType, i.quantity, i.unit)).toList(), p.amountVnd,
                    p.perHouseholdCap, p.capPeriod, p.stock, p.lowStockThreshold, p.active, Eligibility.of(p),
                    p.createdAt);
        }
    }

    /**
     * @param waiting  requests queued for stock
     * @param expected packages in consignments announced but not arrived
     */
    public record LowStock(String code, String name, String provinceCode, int stock, int lowStockThreshold,
            long waiting, long expected, List<WarehouseStock> warehouses) {
    }

    /** What one warehouse holds of a programme. */
    public record WarehouseStock(String warehouseCode, int stock) {
    }

    /** Active programmes at or below their low-stock threshold (sắp hết hàng), emptiest first: whom to ask donors for. */
    @GET
    @Path("/low-stock")
    @RolesAllowed({ Roles.RELIEF_OFFICER, Roles.OPS, Roles.ADMIN })
    public List<LowStock> lowStock(
            @QueryParam("provinceCode") @Pattern(regexp = "\\d{2}", message = "must be a 2-digit province code") String provinceCode) {
        return programmes.lowStock(provinceCode, scope).stream().map(l -> new LowStock(l.programme().code,
                l.programme().name, l.programme().provinceCode, l.programme().stock, l.programme().lowStockThreshold,
                l.waiting(), l.expected(), l.warehouses().stream()
                        .map(w -> new WarehouseStock(w.warehouseCode(), w.stock())).toList()))
                .toList();
    }

    @GET
    @RolesAllowed({ Roles.CALL_AGENT, Roles.RELIEF_OFFICER, Roles.OPS, Roles.ADMIN })
    public List<ProgrammeView> list(
            @QueryParam("provinceCode") @Pattern(regexp = "\\d{2}", message = "must be a 2-digit province code") String provinceCode) {
        // Programmes are the province's: an officer of some of its districts sees them all, but no other province's.
        return programmes.list(provinceCode, scope).stream().map(ProgrammeView::of).toList();
    }

    @POST
    @RolesAllowed({ Roles.RELIEF_OFFICER, Roles.ADMIN })
    public Response create(@Valid @NotNull NewProgramme request) {
        authoriseCreate(request);
        if (request.needs().stream().anyMatch(n -> !n.isRelief())) {
            throw ProblemException.invalidField("needs", "only relief needs: FOOD, RENT_SUPPORT, CASH_SUPPORT, OXYGEN_SUPPORT");
        }
        List<Item> items = request.items() == null ? List.of() : request.items();
        if (items.isEmpty() && request.amountVnd() == null) {
            throw ProblemException.invalidField("items", "a package needs items, an amountVnd, or both");
        }
        Programme p = programmes.open(toEntity(request, items), request.stock());
        return Response.created(URI.create("/api/v1/programmes/" + p.code)).entity(ProgrammeView.of(p)).build();
    }

    /**
     * Packages arrived outside an announced consignment: waiting requests are scheduled from them at once, oldest
     * first.
     */
    @POST
    @RolesAllowed({ Roles.RELIEF_OFFICER, Roles.ADMIN })
    @Path("/{code}/stock")
    public ProgrammeView addStock(@PathParam("code") String code, @Valid @NotNull StockArrival request) {
        return ProgrammeView.of(programmes.stockArrived(code, request.warehouseCode(), request.quantity(), scope));
    }

    private static Programme toEntity(NewProgramme request, List<Item> items) {
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
        p.active = request.active() == null || request.active();
        p.capPeriod = request.capPeriod();
        p.lowStockThreshold = request.lowStockThreshold() == null ? 0 : request.lowStockThreshold();
        p.createdAt = Instant.now();
        Eligibility rules = request.eligibility();
        if (rules != null) {
            p.eligibleDistrictCodes = rules.districtCodes() == null || rules.districtCodes().isEmpty() ? null
                    : rules.districtCodes().stream().distinct().sorted().toList();
            p.minMembers = rules.minMembers();
            p.anyVulnerability = rules.anyVulnerability() == null || rules.anyVulnerability().isEmpty() ? null
                    : rules.anyVulnerability().stream().sorted().map(Vulnerability::name).toList();
        }
        return p;
    }

    /**
     * A province's programme needs an officer of the whole province; an officer of some districts may open only a
     * district fund, limited by its eligibility to their districts.
     */
    private void authoriseCreate(NewProgramme request) {
        var s = scope.require();
        scope.requireProvince(request.provinceCode());
        if (s.unrestricted() || s.districts().isEmpty()) {
            return;
        }
        List<String> districts = request.eligibility() == null || request.eligibility().districtCodes() == null
                ? List.of() : request.eligibility().districtCodes();
        if (districts.isEmpty() || !s.districts().containsAll(districts)) {
            throw new ProblemException(403, "Forbidden", "You open only district funds limited to districts "
                    + s.districts() + " (eligibility.districtCodes)", List.of());
        }
    }
}
