package vn.hotline1022.relief.plans;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import vn.hotline1022.commons.security.Roles;
import vn.hotline1022.relief.access.ReliefScope;
import vn.hotline1022.relief.plans.AllocationPlanner.AllocationPlan;

/**
 * Allocation plans (kế hoạch phân bổ): per programme and ward of a province, the need still pending against the stock
 * on hand and the consignments announced, so that officers see which wards will go short and ask donors for them.
 */
@Path("/api/v1/plans/allocation")
@Tag(name = "Plans")
public class AllocationPlanResource {

    @Inject
    ReliefScope scope;

    @Inject
    AllocationPlanner planner;

    /**
     * Programmes of the province that are active or still have requests pending. An officer limited to some districts
     * sees only their wards; the programme totals are the province's, since stock is shared across wards.
     */
    @GET
    @RolesAllowed({ Roles.RELIEF_OFFICER, Roles.OPS, Roles.ADMIN })
    public AllocationPlan plan(
            @QueryParam("provinceCode") @NotNull @Pattern(regexp = "\\d{2}", message = "must be a 2-digit province code") String provinceCode) {
        scope.requireProvince(provinceCode);
        return planner.plan(provinceCode, scope.require());
    }
}
