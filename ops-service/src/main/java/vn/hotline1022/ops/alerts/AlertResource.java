package vn.hotline1022.ops.alerts;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import vn.hotline1022.commons.security.Roles;

@Path("/api/v1/alerts")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.OPS, Roles.ADMIN })
public class AlertResource {

    @Inject
    Alerts alerts;

    public record AlertView(java.util.UUID id, String rule, String subject, String severity, String state,
            String detail, java.time.Instant raisedAt, java.time.Instant resolvedAt) {

        static AlertView of(Alert a) {
            return new AlertView(a.id, a.rule, a.subject, a.severity, a.state.name(), a.detail, a.raisedAt,
                    a.resolvedAt);
        }
    }

    @GET
    @Operation(summary = "Alerts, newest first (at most 200); open or resolved only when asked")
    public List<AlertView> list(@QueryParam("state") @Pattern(regexp = "OPEN|RESOLVED") String state) {
        return alerts.list(state == null ? null : Alert.State.valueOf(state)).stream().map(AlertView::of).toList();
    }
}
