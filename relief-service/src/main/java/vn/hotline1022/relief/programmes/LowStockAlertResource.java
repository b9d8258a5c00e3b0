package vn.hotline1022.relief.programmes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import vn.hotline1022.commons.security.Roles;
import vn.hotline1022.relief.access.ReliefScope;

@Path("/api/v1/alerts/low-stock")
@Tag(name = "Programmes")
public class LowStockAlertResource {

    @jakarta.inject.Inject
    ReliefScope scope;

    public record AlertView(String programmeCode, String provinceCode, int stock, int lowStockThreshold, long waiting,
            Instant raisedAt) {
    }

    /** The alert log, newest first (the 200 latest): one entry each time a programme's stock fell to its threshold. */
    @GET
    @RolesAllowed({ Roles.RELIEF_OFFICER, Roles.OPS, Roles.ADMIN })
    public List<AlertView> list(
            @QueryParam("provinceCode") @Pattern(regexp = "\\d{2}", message = "must be a 2-digit province code") String provinceCode,
            @QueryParam("programmeCode") @Pattern(regexp = "[A-Z0-9][A-Z0-9_-]{1,39}", message = "must be a programme code") String programmeCode) {
        List<String> where = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        // Alerts are about a province's programmes: its district officers see them too.
        where.add(scope.whereProvince("", params));
        if (provinceCode != null) {
            params.add(provinceCode);
            where.add("provinceCode = ?" + params.size());
        }
        if (programmeCode != null) {
            params.add(programmeCode);
            where.add("programmeCode = ?" + params.size());
        }
        String query = (where.isEmpty() ? "" : String.join(" and ", where)) + " order by raisedAt desc, id";
        return LowStockAlert.<LowStockAlert> find(query, params.toArray()).page(0, 200).list().stream()
                .map(a -> new AlertView(a.programmeCode, a.provinceCode, a.stock, a.lowStockThreshold, a.waiting,
                        a.raisedAt))
                .toList();
    }
}
