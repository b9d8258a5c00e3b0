package vn.hotline1022.relief.deliveries;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import vn.hotline1022.commons.web.RateLimited;
import vn.hotline1022.relief.deliveries.PublicTotals.Totals;

/**
 * Public totals of a province's relief (công khai): what each programme handed out and what each donor brought. Counts
 * only, so nothing in it can lead back to a household.
 */
@Path("/api/v1/public/totals")
@Tag(name = "Transparency")
public class PublicTotalsResource {

    @Inject
    PublicTotals totals;

    @GET
    @PermitAll // as public as the per-ward list
    @RateLimited
    public Totals totals(
            @QueryParam("provinceCode") @NotNull @Pattern(regexp = "\\d{2}", message = "must be a 2-digit province code") String provinceCode) {
        return totals.of(provinceCode);
    }
}
