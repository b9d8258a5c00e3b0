package vn.hotline1022.commons.web;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;

/**
 * A fixed-window budget per client address for {@link RateLimited} endpoints and {@code /q/*}, kept in memory: each instance limits
 * on its own, which is enough to stop one client from scraping or hammering a public page.
 */
@ApplicationScoped
public class PublicRateLimit {

    @ConfigMapping(prefix = "hotline.public-rate-limit")
    public interface Settings {
        /** Requests one client address may make per minute to public endpoints. */
        @WithDefault("120")
        int perMinute();

        /**
         * Requests one client address may make per minute to {@code /q/*} (health, metrics, OpenAPI): open without a
         * token for probes and scrapers, which call a few times a minute, so the budget is generous.
         */
        @WithDefault("600")
        int operationsPerMinute();

        /**
         * Proxies in front of this service (addresses or CIDR blocks, e.g. the ingress controller's pod network):
         * requests from them are counted for the client their {@code X-Forwarded-For} names. Empty: the TCP peer is
         * the client, and forwarded headers are ignored.
         */
        Optional<List<String>> trustedProxies();
    }

    private static final long WINDOW_MILLIS = Duration.ofMinutes(1).toMillis();
    private static final int MAX_TRACKED = 100_000;

    private record Window(long start, int count) {
    }

    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    @Inject
    Settings settings;

    private volatile ClientAddress clients;

    /** Runs only for {@link RateLimited} endpoints (name binding); {@code null} lets the request through. */
    @ServerRequestFilter
    @RateLimited
    public Response limit(HttpServerRequest request) {
        long retryAfter = spend("api:" + ClientAddress.bucket(client(request)), settings.perMinute());
        if (retryAfter > 0) {
            return Response.status(429).type(Problem.MEDIA_TYPE).header("Retry-After", retryAfter)
                    .entity(Problem.of(429, "Too many requests", "Try again in " + retryAfter + " s")).build();
        }
        return null;
    }

    /** The same budget idea for the operations endpoints, which are served outside JAX-RS. */
    void limitOperationsEndpoints(@Observes Router router) {
        router.route("/q/*").order(Integer.MIN_VALUE).handler(rc -> {
            long retryAfter = spend("ops:" + ClientAddress.bucket(client(rc.request())),
                    settings.operationsPerMinute());
            if (retryAfter > 0) {
                rc.response().setStatusCode(429).putHeader("Retry-After", String.valueOf(retryAfter))
                        .putHeader("Content-Type", Problem.MEDIA_TYPE)
                        .end("{\"title\":\"Too many requests\",\"status\":429}");
            } else {
                rc.next();
            }
        });
    }

    /** Counts one request of {@code key}; 0 when within {@code budget}, else the seconds until the window ends. */
    private long spend(String bucket, int budget) {
        long now = System.currentTimeMillis();
        String key = bucket;
        if (windows.size() > MAX_TRACKED) {
            windows.entrySet().removeIf(e -> now - e.getValue().start() >= WINDOW_MILLIS);
            if (windows.size() > MAX_TRACKED && !windows.containsKey(key)) {
                // Memory stays bounded under a flood of distinct addresses: newcomers share one bucket until
                // windows expire.
                key = "overflow";
            }
        }
        Window w = windows.compute(key, (k, old) -> old == null || now - old.start() >= WINDOW_MILLIS
                ? new Window(now, 1)
                : new Window(old.start(), old.count() + 1));
        return w.count() > budget ? Math.max(1, (w.start() + WINDOW_MILLIS - now) / 1000) : 0;
    }

    /** The client's address, behind trusted proxies too (see {@link ClientAddress}). */
    public String client(HttpServerRequest request) {
        ClientAddress c = clients;
        if (c == null) {
            c = clients = new ClientAddress(settings.trustedProxies().orElse(List.of()));
        }
        return c.of(request.remoteAddress() == null ? null : request.remoteAddress().hostAddress(),
                request.getHeader("X-Forwarded-For"));
    }

    /** Starts every client's budget afresh (tests; an operator after a false alarm). */
    public void forgetAll() {
        windows.clear();
    }
}
