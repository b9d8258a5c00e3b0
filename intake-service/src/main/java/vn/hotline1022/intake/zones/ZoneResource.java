package vn.hotline1022.intake.zones;

import java.time.Instant;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.panache.common.Sort;
import io.quarkus.security.Authenticated;
import vn.hotline1022.commons.security.CurrentUser;
import vn.hotline1022.commons.security.OfficialArea;
import vn.hotline1022.commons.security.Roles;
import vn.hotline1022.commons.web.ProblemException;
import vn.hotline1022.events.common.ZoneColour;
import vn.hotline1022.intake.geography.AdminUnits;

/**
 * Ward zone colours set by the steering committee through ops, or by a ward or district official for a ward of their
 * own area; new calls from a red ward go up the queue. An official's ward outside their area (or an official without
 * an area) is 403 "not your area", not 404 as for another area's case: the ward map is public to every signed-in
 * user, so hiding that the ward exists would protect nothing, and 403 tells the official why.
 */
@Path("/api/v1/zones")
@Tag(name = "Zones")
public class ZoneResource {

    public record ZoneUpdate(@NotNull ZoneColour colour, @Size(max = 500) String reason) {
    }

    public record ZoneView(String wardCode, String wardName, String districtCode, String provinceCode,
            ZoneColour colour, String reason, String changedBy, Instant changedAt) {
    }

    public record ZoneHistoryEntry(ZoneColour previous, ZoneColour colour, String reason, String changedBy,
            Instant changedAt) {
    }

    @Inject
    AdminUnits units;

    @Inject
    ZoneChanges zones;

    @Inject
    CurrentUser user;

    @PUT
    @Path("/{wardCode}")
    @RolesAllowed({ Roles.OPS, Roles.ADMIN, Roles.OFFICIAL })
    @Operation(summary = "Set a ward's zone colour; publishes ZoneStatusChanged. Setting the current colour changes"
            + " nothing. Officials only for the wards of their area (ward_codes, or a ward of district_codes); another"
            + " ward is 403")
    public ZoneView set(@PathParam("wardCode") @Pattern(regexp = "\\d{5}", message = "must be a 5-digit ward code")
            String wardCode, @Valid @NotNull ZoneUpdate update) {
        AdminUnits.Ward ward = units.ward(wardCode).orElseThrow(() -> ProblemException.notFound("Ward " + wardCode));
        mayChange(ward);
        return view(zones.set(ward, update.colour(), update.reason(), user.username()));
    }

    @GET
    @Authenticated // the zone map is public knowledge inside the hotline: any signed-in user
    @Operation(summary = "Current zone colours, of one province or of all; wards without a colour are left out")
    public List<ZoneView> current(@QueryParam("provinceCode") @Pattern(regexp = "\\d{2}",
            message = "must be a 2-digit province code") String provinceCode) {
        List<ZoneStatus> zones = provinceCode == null ? ZoneStatus.listAll(Sort.by("wardCode"))
                : ZoneStatus.list("provinceCode", Sort.by("wardCode"), provinceCode);
        return zones.stream().map(this::view).toList();
    }

    @GET
    @Path("/{wardCode}/history")
    @Authenticated
    @Operation(summary = "Every colour change of a ward, oldest first")
    public List<ZoneHistoryEntry> history(@PathParam("wardCode") @Pattern(regexp = "\\d{5}",
            message = "must be a 5-digit ward code") String wardCode) {
        units.ward(wardCode).orElseThrow(() -> ProblemException.notFound("Ward " + wardCode));
        return ZoneChange.<ZoneChange> list("wardCode", Sort.by("changedAt").and("id"), wardCode).stream()
                .map(c -> new ZoneHistoryEntry(c.previous, c.colour, c.reason, c.changedBy, c.changedAt)).toList();
    }

    /**
     * Admins change any ward; ops a ward of their provinces (and districts); an official a ward of their area; nobody
     * without an area (fails closed).
     */
    private void mayChange(AdminUnits.Ward ward) {
        if (user.has(Roles.ADMIN)) {
            return;
        }
        if (user.has(Roles.OPS)) {
            if (!user.scope().covers(ward.provinceCode(), ward.districtCode())) {
                throw ProblemException.forbidden("Not your area: ward " + ward.code() + " is outside your provinces");
            }
            return;
        }
        OfficialArea area = user.officialArea();
        if (area.isEmpty()) {
            throw ProblemException.forbidden("The token names no ward_codes or district_codes: an official without an"
                    + " area changes no ward's colour");
        }
        if (!area.covers(ward.districtCode(), ward.code())) {
            throw ProblemException.forbidden("Not your area: ward " + ward.code() + " is outside the wards and"
                    + " districts your token names");
        }
    }

    private ZoneView view(ZoneStatus z) {
        String name = units.ward(z.wardCode).map(AdminUnits.Ward::fullName).orElse(null);
        return new ZoneView(z.wardCode, name, z.districtCode, z.provinceCode, z.colour, z.reason, z.changedBy,
                z.changedAt);
    }
}
