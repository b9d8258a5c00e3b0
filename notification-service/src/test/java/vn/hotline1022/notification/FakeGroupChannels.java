package vn.hotline1022.notification;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;

import vn.hotline1022.testkit.LoopbackServer;

/**
 * Real HTTP servers standing in for group channels on one loopback port: the Zalo OA API's group message
 * ({@code /v3.0/oa/group/message}: {@code error} 0 with a {@code message_id}, or -216 for a wrong token) and webhooks
 * ({@code /hooks/<name>}: 204, or 503 for the next {@link #failNext} posts). Every request is kept with its headers.
 */
public final class FakeGroupChannels implements AutoCloseable {

    public static final String ACCESS_TOKEN = "zalo-group-test-token";

    /** One request: its path, the headers that matter and its body. */
    public record Received(String path, String accessToken, String delivery, String signature, String body,
            String timestamp) {
    }

    private final LoopbackServer server = new LoopbackServer();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger failures = new AtomicInteger();
    private final AtomicInteger ids = new AtomicInteger();

    public FakeGroupChannels() {
        server.handle("/v3.0/oa/group/message", this::zalo);
        server.handle("/hooks/", this::webhook);
    }

    public URI url(String path) {
        return server.url(path);
    }

    public List<Received> received(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    /** The next {@code n} webhook posts get HTTP 503. */
    public void failNext(int n) {
        failures.set(n);
    }

    private void zalo(HttpExchange exchange) throws IOException {
        Received r = keep(exchange);
        LoopbackServer.json(exchange, 200, ACCESS_TOKEN.equals(r.accessToken())
                ? "{\"error\":0,\"message\":\"Success\",\"data\":{\"message_id\":\"gm-" + ids.incrementAndGet() + "\"}}"
                : "{\"error\":-216,\"message\":\"Access token is invalid\"}");
    }

    private void webhook(HttpExchange exchange) throws IOException {
        keep(exchange);
        if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            LoopbackServer.json(exchange, 503, "{}");
            return;
        }
        exchange.sendResponseHeaders(204, -1);
        exchange.close();
    }

    private Received keep(HttpExchange exchange) throws IOException {
        var h = exchange.getRequestHeaders();
        Received r = new Received(exchange.getRequestURI().getPath(), h.getFirst("access_token"),
                h.getFirst("X-Hotline-Delivery"), h.getFirst("X-Hotline-Signature"),
                LoopbackServer.body(exchange), h.getFirst("X-Hotline-Timestamp"));
        received.add(r);
        return r;
    }

    @Override
    public void close() {
        server.close();
    }
}
