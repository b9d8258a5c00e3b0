package vn.hotline1022.relief.warehouses;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import vn.hotline1022.relief.access.ReliefScope;
import vn.hotline1022.commons.security.Roles;

/** Warehouses of a province and the packages each holds, per programme. */
@Path("/api/v1/warehouses")
@Tag(name = "Warehouses")
public class WarehouseResource {

    @Inject
    Stock stock;

    @Inject
    ReliefScope scope;

    /**
     * @param districtCode required: the province's own warehouse exists already (PROVINCE-&lt;province code&gt;)
     * @param wardCode     absent for a district's warehouse
     */
    public record NewWarehouse(
            @NotBlank @Pattern(regexp = "[A-Z0-9][A-Z0-9_-]{1,39}", message = "must be 2-40 capitals, digits, _ or -") String code,
            @NotBlank @Size(max = 200) String name,
            @NotNull @Pattern(regexp = "\\d{2}", message = "must be a 2-digit province code") String provinceCode,
            @NotNull @Pattern(regexp = "\\d{3}", message = "must be a 3-digit district code") String districtCode,
            @Pattern(regexp = "\\d{5}", message = "must be a 5-digit ward code") String wardCode) {
    }

    public record ProgrammeStock(String programmeCode, int stock) {
    }

    public record WarehouseView(String code, String name, String provinceCode, String districtCode, String wardCode,
            List<ProgrammeStock> stock, Instant createdAt) {
        static WarehouseView of(Warehouse w, List<ProgrammeStock> stock) {
            return new WarehouseView(w.code, w.name, w.provinceCode, w.districtCode, w.wardCode, stock, w.createdAt);
        }
    }

    /** The province's warehouses, with what each holds: where to send volunteers, and where goods run short. */
    @GET
    @RolesAllowed({ Roles.RELIEF_OFFICER, Roles.OPS, Roles.ADMIN })
    public List<WarehouseView> list(
            @QueryParam("provinceCode") @NotNull @Pattern(regexp = "\\d{2}", message = "must be a 2-digit province code") String provinceCode) {
        scope.require();
        Map<String, List<ProgrammeStock>> byWarehouse = stock.ofProvince(provinceCode).stream()
                .collect(Collectors.groupingBy(Stock.Line::warehouseCode,
                        Collectors.mapping(l -> new ProgrammeStock(l.programmeCode(), l.stock()), Collectors.toList())));
        return Warehouse.<Warehouse> list("provinceCode = ?1 order by code", provinceCode).stream()
                .filter(w -> scope.sees(w.provinceCode, w.districtCode))
                .map(w -> WarehouseView.of(w, byWarehouse.getOrDefault(w.code, List.of())))
                .toList();
    }

    /** A district- or ward-level warehouse; officers limited to some districts open them only there. */
    @POST
    @RolesAllowed({ Roles.RELIEF_OFFICER, Roles.ADMIN })
    public Response create(@Valid @NotNull NewWarehouse request) {
        scope.requirePlace(request.provinceCode(), request.districtCode());
        Warehouse w = stock.open(request.code(), request.name().strip(), request.provinceCode(), request.districtCode(),
                request.wardCode());
        return Response.created(URI.create("/api/v1/warehouses/" + w.code)).entity(WarehouseView.of(w, List.of()))
                .build();
    }
}
