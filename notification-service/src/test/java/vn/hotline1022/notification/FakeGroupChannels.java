package vn.hotline1022.notification;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Real HTTP servers standing in for group channels on one loopback port: the Zalo OA API's group message
 * ({@code /v3.0/oa/group/message}: {@code error} 0 with a {@code message_id}, or -216 for a wrong token) and webhooks
 * ({@code /hooks/<name>}: 204, or 503 for the next {@link #failNext} posts). Every request is kept with its headers.
 */
public final class FakeGroupChannels implements AutoCloseable {

    public static final String ACCESS_TOKEN = "zalo-group-test-token";

    /** One request: its path, the headers that matter and its body. */
    public record Received(String path, String accessToken, String delivery, String signature, String body) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger failures = new AtomicInteger();
    private final AtomicInteger ids = new AtomicInteger();

    public FakeGroupChannels() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/v3.0/oa/group/message", this::zalo);
        server.createContext("/hooks/", this::webhook);
        server.start();
    }

    public URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
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
        answer(exchange, 200, ACCESS_TOKEN.equals(r.accessToken())
                ? "{\"error\":0,\"message\":\"Success\",\"data\":{\"message_id\":\"gm-" + ids.incrementAndGet() + "\"}}"
                : "{\"error\":-216,\"message\":\"Access token is invalid\"}");
    }

    private void webhook(HttpExchange exchange) throws IOException {
        keep(exchange);
        if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            answer(exchange, 503, "{}");
            return;
        }
        exchange.sendResponseHeaders(204, -1);
        exchange.close();
    }

    private Received keep(HttpExchange exchange) throws IOException {
        var h = exchange.getRequestHeaders();
        Received r = new Received(exchange.getRequestURI().getPath(), h.getFirst("access_token"),
                h.getFirst("X-Hotline-Delivery"), h.getFirst("X-Hotline-Signature"),
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        received.add(r);
        return r;
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
