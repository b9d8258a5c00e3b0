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
 * A real HTTP server standing in for Zalo's ZNS API on a free loopback port: HTTP 200 with {@code error} 0 and a
 * {@code msg_id}, except a wrong access token (error -124) and {@link #BLOCKED_PHONE} (error -118, user not on Zalo).
 */
public final class FakeZaloApi implements AutoCloseable {

    public static final String ACCESS_TOKEN = "zalo-test-token";
    /** Not a Zalo user: refused, while SMS to it works. */
    public static final String BLOCKED_PHONE = "+84900000118";

    public record Request(String accessToken, String body) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final AtomicInteger ids = new AtomicInteger();
    private final List<Request> received = new CopyOnWriteArrayList<>();

    public FakeZaloApi() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/message/template", this::handle);
        server.start();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/message/template");
    }

    public List<Request> received() {
        return received;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String token = exchange.getRequestHeaders().getFirst("access_token");
        received.add(new Request(token, body));
        if (!ACCESS_TOKEN.equals(token)) {
            answer(exchange, "{\"error\":-124,\"message\":\"Access token is invalid\"}");
        } else if (body.contains("\"" + BLOCKED_PHONE.substring(1) + "\"")) {
            answer(exchange, "{\"error\":-118,\"message\":\"Zalo account not existed\",\"request\":" + body + "}");
        } else {
            answer(exchange, "{\"error\":0,\"message\":\"Success\",\"data\":{\"msg_id\":\"zns-" + ids.incrementAndGet()
                    + "\",\"sent_time\":\"" + System.currentTimeMillis() + "\"}}");
        }
    }

    private static void answer(HttpExchange exchange, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
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
