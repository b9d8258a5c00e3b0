package vn.hotline1022.notification;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;

import vn.hotline1022.testkit.LoopbackServer;

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

    private final LoopbackServer server = new LoopbackServer();
    private final AtomicInteger ids = new AtomicInteger();
    private final List<Request> received = new CopyOnWriteArrayList<>();

    public FakeZaloApi() {
        server.handle("/message/template", this::handle);
    }

    public URI url() {
        return server.url("/message/template");
    }

    public List<Request> received() {
        return received;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = LoopbackServer.body(exchange);
        String token = exchange.getRequestHeaders().getFirst("access_token");
        received.add(new Request(token, body));
        if (!ACCESS_TOKEN.equals(token)) {
            LoopbackServer.json(exchange, 200, "{\"error\":-124,\"message\":\"Access token is invalid\"}");
        } else if (body.contains("\"" + BLOCKED_PHONE.substring(1) + "\"")) {
            LoopbackServer.json(exchange, 200, "{\"error\":-118,\"message\":\"Zalo account not existed\",\"request\":" + body + "}");
        } else {
            LoopbackServer.json(exchange, 200, "{\"error\":0,\"message\":\"Success\",\"data\":{\"msg_id\":\"zns-" + ids.incrementAndGet()
                    + "\",\"sent_time\":\"" + System.currentTimeMillis() + "\"}}");
        }
    }


    @Override
    public void close() {
        server.close();
    }
}
