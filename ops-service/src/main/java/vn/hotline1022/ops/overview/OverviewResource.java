package vn.hotline1022.ops.overview;

import java.time.Duration;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;

import io.smallrye.mutiny.Multi;
import vn.hotline1022.commons.security.TokenLifetime;
import vn.hotline1022.commons.security.Roles;
import vn.hotline1022.commons.web.ProblemException;
import vn.hotline1022.ops.OpsConfig;

@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.OPS, Roles.ADMIN })
public class OverviewResource {

    @Inject
    JsonWebToken token;

    @Inject
    Overviews overviews;

    @Inject
    OpsConfig config;

    @GET
    @Path("/overview")
    @Operation(summary = "Topics, consumer groups, services, open alerts and dead letters as last sampled")
    public Overview overview() {
        return overviews.latest();
    }

    /**
     * The overview as server-sent events ({@code event: overview}), one per sample interval. Browsers read it with
     * fetch, which can send the bearer token (EventSource cannot).
     */
    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Live overview (text/event-stream), one event per sample")
    public Multi<OutboundSseEvent> stream(@HeaderParam("Accept") String accept, @Context Sse sse) {
        if (accept == null || !accept.contains(MediaType.SERVER_SENT_EVENTS)) {
            throw new ProblemException(406, "Not acceptable", "This stream is served as text/event-stream only",
                    List.of());
        }
        Duration every = config.sampleInterval();
        // The first event at once (ticks must start after a positive delay), then one per sample.
        // Ends when the token that opened it expires: the page reconnects with a fresh one, checked afresh.
        return TokenLifetime.bounded(Multi.createFrom().ticks().startingAfter(Duration.ofMillis(1)).every(every), token)
                .map(tick -> sse.newEventBuilder().name("overview").mediaType(MediaType.APPLICATION_JSON_TYPE)
                        .data(Overview.class, overviews.latest()).build());
    }
}
