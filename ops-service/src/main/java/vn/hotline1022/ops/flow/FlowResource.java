package vn.hotline1022.ops.flow;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import vn.hotline1022.commons.security.Roles;
import vn.hotline1022.ops.health.ServiceHealth;
import vn.hotline1022.ops.health.ServiceHealthPoller;

@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.OPS, Roles.ADMIN })
public class FlowResource {

    @Inject
    FlowSampler sampler;

    @Inject
    ServiceHealthPoller health;

    @Inject
    ThroughputHistory throughput;

    @GET
    @Path("/topics")
    @Operation(summary = "Every hotline topic and dead-letter topic: partitions, end offsets, messages/s (1 and 5 min)")
    public List<TopicFlow> topics() {
        return sampler.latest().topics();
    }

    @GET
    @Path("/consumer-groups")
    @Operation(summary = "Lag per consumer group and topic (total, worst partition), trend and state")
    public List<GroupLag> groups() {
        return sampler.latest().groups();
    }

    /** What the ops page's throughput chart draws first, before the live overviews add to it. */
    @GET
    @Path("/flow/history")
    @Operation(summary = "Messages/s (1 min) per topic at each sample of the last 15 minutes, at most 90 points")
    public ThroughputHistory.Trend history() {
        return throughput.recent();
    }

    @GET
    @Path("/services")
    @Operation(summary = "Each service's health and outbox backlog, from its own health endpoint")
    public List<ServiceHealth> services() {
        return health.latest();
    }
}
