package vn.hotline1022.intake.geography;

import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import vn.hotline1022.commons.web.ProblemException;
import vn.hotline1022.commons.web.RateLimited;

/**
 * The ward pickers of the agent console and of the public request page: official reference data (GSO codes and
 * names), public like the codes themselves, limited per client address.
 */
@Path("/api/v1/admin-units")
@PermitAll
@RateLimited
@Tag(name = "Administrative units")
public class AdminUnitResource {

    @Inject
    AdminUnits units;

    @GET
    @Path("/provinces")
    public List<AdminUnits.Province> provinces() {
        return units.provinces();
    }

    @GET
    @Path("/provinces/{code}/districts")
    public List<AdminUnits.District> districts(@PathParam("code") String provinceCode) {
        units.province(provinceCode).orElseThrow(() -> ProblemException.notFound("Province " + provinceCode));
        return units.districtsOf(provinceCode);
    }

    @GET
    @Path("/districts/{code}/wards")
    public List<AdminUnits.Ward> wards(@PathParam("code") String districtCode) {
        units.district(districtCode).orElseThrow(() -> ProblemException.notFound("District " + districtCode));
        return units.wardsOf(districtCode);
    }
}
