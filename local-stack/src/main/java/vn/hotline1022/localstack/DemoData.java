package vn.hotline1022.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Teams, hospitals and relief programmes in Bình Dương, loaded through the services' own APIs (so they are validated
 * like any other input). Each kind is loaded only when its list is empty: restarts keep what is there.
 * Administrative units need no loading: intake ships them (data © Thang Le Quoc, MIT licence). When the stack runs
 * Keycloak, the requests carry a token of the demo user {@code admin1}.
 */
public final class DemoData {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The demo user that loads reference data (role admin). */
    static final String ADMIN = "admin1";
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final LocalStack stack;
    private final PrintStream out;

    public DemoData(LocalStack stack, PrintStream out) {
        this.stack = stack;
        this.out = out;
    }

    public void load() {
        load("dispatch-service", "/api/v1/teams", "demo/teams.json", "rapid-response teams");
        load("referral-service", "/api/v1/hospitals", "demo/hospitals.json", "hospitals");
        // Before the programmes: their first one creates the province's own warehouse.
        load("relief-service", "/api/v1/warehouses?provinceCode=74", "demo/warehouses.json", "relief warehouses");
        load("relief-service", "/api/v1/programmes", "demo/programmes.json", "relief programmes");
    }

    private void load(String service, String path, String resource, String what) {
        String base = stack.url(service) + path;
        JsonNode existing;
        try {
            existing = JSON.readTree(send(HttpRequest.newBuilder(URI.create(base)).GET(), 200));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (existing.size() > 0) {
            out.println("[hotline] Demo " + what + ": " + existing.size() + " already there");
            return;
        }
        JsonNode items = read(resource);
        for (JsonNode item : items) {
            send(HttpRequest.newBuilder(URI.create(base)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(item.toString())), 201);
        }
        out.println("[hotline] Demo " + what + ": " + items.size() + " loaded");
    }

    private String send(HttpRequest.Builder request, int expected) {
        if (stack.hasKeycloak()) {
            request.header("Authorization", "Bearer " + stack.token(ADMIN));
        }
        try {
            HttpResponse<String> r = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != expected) {
                throw new IllegalStateException(r.request().method() + " " + r.uri() + " answered " + r.statusCode()
                        + ": " + r.body());
            }
            return r.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    static JsonNode read(String resource) {
        try (InputStream in = DemoData.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing");
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
