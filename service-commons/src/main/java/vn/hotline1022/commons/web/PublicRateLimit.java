package vn.hotline1022.commons.web;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.vertx.core.http.HttpServerRequest;

/**
 * A fixed-window budget per client address for {@link RateLimited} endpoints, kept in memory: each instance limits
 * on its own, which is enough to stop one client from scraping or hammering a public page.
 */
@ApplicationScoped
public class PublicRateLimit {

    @ConfigMapping(prefix = "hotline.public-rate-limit")
    public interface Settings {
        /** Requests one client address may make per minute to public endpoints. */
        @WithDefault("120")
        int perMinute();
    }

    private static final long WINDOW_MILLIS = Duration.ofMinutes(1).toMillis();
    private static final int MAX_TRACKED = 100_000;

    private record Window(long start, int count) {
    }

    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    @Inject
    Settings settings;

    /** Runs only for {@link RateLimited} endpoints (name binding); {@code null} lets the request through. */
    @ServerRequestFilter
    @RateLimited
    public Response limit(HttpServerRequest request) {
        long now = System.currentTimeMillis();
        String client = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
        if (windows.size() > MAX_TRACKED) {
            windows.entrySet().removeIf(e -> now - e.getValue().start() >= WINDOW_MILLIS);
        }
        Window w = windows.compute(client, (k, old) -> old == null || now - old.start() >= WINDOW_MILLIS
                ? new Window(now, 1)
                : new Window(old.start(), old.count() + 1));
        if (w.count() > settings.perMinute()) {
            long retryAfter = Math.max(1, (w.start() + WINDOW_MILLIS - now) / 1000);
            return Response.status(429).type(Problem.MEDIA_TYPE).header("Retry-After", retryAfter)
                    .entity(Problem.of(429, "Too many requests", "Try again in " + retryAfter + " s")).build();
        }
        return null;
    }

    /** Starts every client's budget afresh (tests; an operator after a false alarm). */
    public void forgetAll() {
        windows.clear();
    }
}
