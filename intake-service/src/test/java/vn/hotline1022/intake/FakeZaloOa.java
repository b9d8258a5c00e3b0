package vn.hotline1022.intake;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

import vn.hotline1022.testkit.LoopbackServer;

/**
 * A Zalo Official Account as tests need one, both ways. Its webhook events as Zalo posts them ({@code app_id},
 * {@code sender.id}, {@code recipient.id}, {@code event_name}, {@code message.msg_id}, {@code message.text},
 * {@code timestamp} in milliseconds) with the MAC Zalo puts in {@code X-ZEvent-Signature}
 * ({@code mac=} + hex SHA-256 of app id, raw body, timestamp and OA secret key), written here apart from the service's
 * check. And a real HTTP server on a loopback port standing in for the OA API's consultation message
 * ({@code POST /v3.0/oa/message/cs}, {@code access_token} header): {@code error} 0, or -216 for a wrong token; it can be
 * told to fail the next requests with HTTP 503.
 */
public final class FakeZaloOa implements AutoCloseable {

    public static final String APP_ID = "4318204826391745280";
    public static final String OA_ID = "2950281474901726418";
    public static final String SECRET_KEY = "test-zalo-oa-secret";
    public static final String ACCESS_TOKEN = "test-zalo-oa-access-token";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A message the OA API was asked to send. */
    public record Sent(String accessToken, String userId, String text) {
    }

    private final LoopbackServer server = new LoopbackServer();
    private final List<Sent> sent = new CopyOnWriteArrayList<>();
    private final AtomicInteger failures = new AtomicInteger();
    private final AtomicInteger ids = new AtomicInteger();

    public FakeZaloOa() {
        server.handle("/v3.0/oa/message/cs", this::handle);
    }

    public URI url() {
        return server.url("/v3.0/oa/message/cs");
    }

    /** What the OA was asked to send, oldest first. */
    public List<Sent> sent() {
        return sent;
    }

    /** The next {@code n} requests get HTTP 503, as when Zalo's API is down. */
    public void failNext(int n) {
        failures.set(n);
    }

    /** A user's text message to the OA, as Zalo posts it, sent {@code millisAgo} ago. */
    public static String textEvent(String userId, String messageId, String text, long millisAgo) {
        ObjectNode event = JSON.createObjectNode();
        event.put("app_id", APP_ID);
        event.putObject("sender").put("id", userId);
        event.putObject("recipient").put("id", OA_ID);
        event.put("event_name", "user_send_text");
        event.putObject("message").put("msg_id", messageId).put("text", text);
        event.put("timestamp", String.valueOf(System.currentTimeMillis() - millisAgo));
        event.put("user_id_by_app", "55" + userId);
        return event.toString();
    }

    /** The MAC Zalo puts on this body, with the OA's secret key. */
    public static String signature(String body) {
        return signature(body, SECRET_KEY);
    }

    public static String signature(String body, String secretKey) {
        try {
            JsonNode event = JSON.readTree(body);
            String data = event.path("app_id").asText() + body + event.path("timestamp").asText() + secretKey;
            return "mac=" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(data.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = LoopbackServer.body(exchange);
        if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            LoopbackServer.json(exchange, 503, "{\"error\":-1,\"message\":\"unavailable\"}");
            return;
        }
        String token = exchange.getRequestHeaders().getFirst("access_token");
        JsonNode message = JSON.readTree(body);
        sent.add(new Sent(token, message.path("recipient").path("user_id").asText(null),
                message.path("message").path("text").asText(null)));
        if (!ACCESS_TOKEN.equals(token)) {
            LoopbackServer.json(exchange, 200, "{\"error\":-216,\"message\":\"Access token is invalid\"}");
        } else {
            LoopbackServer.json(exchange, 200, "{\"error\":0,\"message\":\"Success\",\"data\":{\"message_id\":\"cs-"
                    + ids.incrementAndGet() + "\",\"user_id\":\"" + message.path("recipient").path("user_id").asText()
                    + "\"}}");
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
