package vn.hotline1022.notification.channels;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One JSON post to a provider, bounded by a timeout, every failure a {@link DeliveryException} that names the provider
 * and the kind of failure only (answers and exceptions may quote the message and the recipient).
 */
final class JsonPost {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String provider;
    private final Duration timeout;
    private final HttpClient http;

    JsonPost(String provider, Duration timeout) {
        this.provider = provider;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    static String json(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a request", e);
        }
    }

    /** Posts {@code body}; the answer's body when the status is 2xx. */
    String post(URI url, String body, Map<String, String> headers) throws DeliveryException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new DeliveryException(provider + " did not answer within " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            throw new DeliveryException(provider + " unreachable (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryException("interrupted while posting to " + provider);
        } catch (IllegalArgumentException e) {
            throw new DeliveryException(provider + ": not a usable address");
        }
        if (response.statusCode() / 100 != 2) {
            throw new DeliveryException(provider + " answered HTTP " + response.statusCode());
        }
        return response.body();
    }

    /**
     * A Zalo API answer: HTTP 200 with {@code "error": 0} on success; the message id under {@code data} (the field
     * named), or null.
     */
    JsonNode zaloData(String answer) throws DeliveryException {
        JsonNode node;
        try {
            node = JSON.readTree(answer);
        } catch (JsonProcessingException e) {
            throw new DeliveryException(provider + " answered something that is not JSON");
        }
        int error = node.path("error").asInt(-1);
        if (error != 0) {
            throw new DeliveryException(provider + " refused the message (error " + error + ")"); // the code only
        }
        return node.path("data");
    }

    static String text(JsonNode node) {
        return node == null || node.isMissingNode() || node.isNull() ? null : node.asText();
    }
}
