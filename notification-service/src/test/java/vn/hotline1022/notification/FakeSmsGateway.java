package vn.hotline1022.notification;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;

import vn.hotline1022.testkit.LoopbackServer;

/**
 * A real HTTP server standing in for the SMS gateway, on a free loopback port. It accepts every message, except to
 * {@link #FAILING_PHONE} (503, echoing the request as some gateways do), {@link #SLOW_PHONE} (answers late) and
 * {@link #FLAKY_PHONE} (503 twice, then accepted).
 */
public final class FakeSmsGateway implements AutoCloseable {

    public static final String API_KEY = "test-key";
    public static final String FAILING_PHONE = "+84900000503";
    public static final String SLOW_PHONE = "+84900000408";
    /** Refused (503) twice per message reference, accepted the third time. */
    public static final String FLAKY_PHONE = "+84900000502";

    public record Request(String authorization, String body) {
    }

    private final LoopbackServer server = new LoopbackServer();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final AtomicInteger ids = new AtomicInteger();
    private final List<Request> received = new CopyOnWriteArrayList<>();
    private final java.util.Map<String, AtomicInteger> flakyTries = new java.util.concurrent.ConcurrentHashMap<>();

    public FakeSmsGateway() {
        server.handle("/sms", this::handle);
    }

    public URI url() {
        return server.url("/sms");
    }

    public List<Request> received() {
        return received;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = LoopbackServer.body(exchange);
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        received.add(new Request(auth, body));
        if (body.contains(SLOW_PHONE)) {
            try {
                closing.await(5, TimeUnit.SECONDS); // longer than any client timeout used in tests
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (!("Bearer " + API_KEY).equals(auth)) {
            LoopbackServer.json(exchange, 401, "{\"error\":\"unauthorized\"}");
        } else if (body.contains(FLAKY_PHONE)
                && flakyTries.computeIfAbsent(reference(body), r -> new AtomicInteger()).incrementAndGet() <= 2) {
            LoopbackServer.json(exchange, 503, "{\"error\":\"operator busy\"}");
        } else if (body.contains(FAILING_PHONE)) {
            LoopbackServer.json(exchange, 503, "{\"error\":\"operator unavailable\",\"request\":" + body + "}");
        } else {
            LoopbackServer.json(exchange, 200, "{\"id\":\"gw-" + ids.incrementAndGet() + "\",\"status\":\"ACCEPTED\"}");
        }
    }

    private static String reference(String body) {
        int at = body.indexOf("\"reference\":\"");
        return at < 0 ? "" : body.substring(at + 13, body.indexOf('"', at + 13));
    }

    @Override
    public void close() {
        closing.countDown();
        server.close();
    }
}
