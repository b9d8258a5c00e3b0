package vn.hotline1022.ops.health;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.scheduler.Scheduled;
import vn.hotline1022.ops.OpsConfig;

/**
 * Reads each service's own health endpoint ({@code /q/health}): its status, and the outbox check's backlog (pending
 * rows and the oldest one's age). Every sample interval, all services at once, each with a short timeout.
 */
@ApplicationScoped
public class ServiceHealthPoller {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    @Inject
    OpsConfig config;

    @Inject
    ObjectMapper json;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private volatile List<ServiceHealth> latest = List.of();

    public List<ServiceHealth> latest() {
        return latest;
    }

    @Scheduled(every = "${hotline.ops.sample-interval:2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    public void poll() {
        List<CompletableFuture<ServiceHealth>> checks = new ArrayList<>();
        for (Map.Entry<String, String> s : config.services().entrySet()) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(s.getValue() + "/q/health")).timeout(TIMEOUT)
                    .header("Accept", "application/json").GET().build();
            checks.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                    .thenApply(r -> parse(s.getKey(), r.body()))
                    .exceptionally(e -> new ServiceHealth(s.getKey(), "UNREACHABLE", null, null, Instant.now())));
        }
        latest = checks.stream().map(CompletableFuture::join).toList();
    }

    /** Quarkus SmallRye Health's JSON; {@code DOWN} (HTTP 503) has the same shape. */
    ServiceHealth parse(String service, String body) {
        try {
            JsonNode root = json.readTree(body);
            Long pending = null;
            Long oldest = null;
            for (JsonNode check : root.path("checks")) {
                if ("outbox".equals(check.path("name").asText())) {
                    JsonNode data = check.path("data");
                    pending = data.path("pending").canConvertToLong() ? data.path("pending").asLong() : null;
                    oldest = data.path("oldestPendingSeconds").canConvertToLong()
                            ? data.path("oldestPendingSeconds").asLong()
                            : null;
                }
            }
            String status = "UP".equals(root.path("status").asText()) ? "UP" : "DOWN";
            return new ServiceHealth(service, status, pending, oldest, Instant.now());
        } catch (Exception e) {
            return new ServiceHealth(service, "DOWN", null, null, Instant.now());
        }
    }
}
