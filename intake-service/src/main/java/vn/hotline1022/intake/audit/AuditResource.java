package vn.hotline1022.intake.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import vn.hotline1022.commons.security.Roles;

@Path("/api/v1/audit")
@Tag(name = "Audit")
public class AuditResource {

    public record AuditView(Instant at, String actor, String action, String caseCode, String detail) {
    }

    @GET
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Who read or changed cases, newest first; by case code and/or actor")
    public List<AuditView> list(@QueryParam("caseCode") @Size(max = 40) String caseCode,
            @QueryParam("actor") @Size(max = 100) String actor,
            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        List<String> where = new ArrayList<>();
        Parameters params = new Parameters();
        if (caseCode != null) {
            where.add("caseCode = :caseCode");
            params.and("caseCode", caseCode);
        }
        if (actor != null) {
            where.add("actor = :actor");
            params.and("actor", actor);
        }
        String query = where.isEmpty() ? "1 = 1" : String.join(" and ", where);
        return AuditEntry.<AuditEntry> find(query, Sort.descending("at", "id"), params).page(Page.ofSize(limit))
                .list().stream().map(e -> new AuditView(e.at, e.actor, e.action, e.caseCode, e.detail)).toList();
    }
}
