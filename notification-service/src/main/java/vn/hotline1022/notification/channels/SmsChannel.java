package vn.hotline1022.notification.channels;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import vn.hotline1022.text.PhoneNumbers;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * SMS through an HTTP gateway: {@code POST {"to","text","reference"}} as JSON, a 2xx answer means accepted. The
 * gateway's id for the message is taken from {@code id} or {@code messageId} in the answer when present.
 */
public class SmsChannel implements NoticeChannel {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI url;
    private final Optional<String> apiKey;
    private final Duration timeout;
    private final HttpClient http;

    public SmsChannel(URI url, Optional<String> apiKey, Duration timeout) {
        this.url = url;
        this.apiKey = apiKey;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public String name() {
        return "SMS";
    }

    @Override
    public String send(OutgoingNotice notice) throws DeliveryException {
        if (notice.phone() == null || notice.phone().isBlank()) {
            throw new DeliveryException("no phone number for this case");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        // E.164 whatever form the number came in (intake sends the national one, 0912345678).
        body.put("to", PhoneNumbers.e164(notice.phone()).orElse(notice.phone().strip()));
        body.put("text", notice.text());
        body.put("reference", notice.notificationId().toString());
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(toJson(body)));
        apiKey.ifPresent(key -> request.header("Authorization", "Bearer " + key));
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new DeliveryException("SMS gateway did not answer within " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            // The exception's own message can be long or odd; its kind is enough to act on.
            throw new DeliveryException("SMS gateway unreachable (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryException("interrupted while sending the SMS");
        }
        if (response.statusCode() / 100 != 2) {
            // Not the body: gateways often echo the message (and the number) in their error answers.
            throw new DeliveryException("SMS gateway answered HTTP " + response.statusCode());
        }
        return providerId(response.body());
    }

    private static String toJson(Map<String, Object> body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an SMS request", e);
        }
    }

    private static String providerId(String answer) {
        if (answer == null || answer.isBlank()) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(answer);
            JsonNode id = node.hasNonNull("id") ? node.get("id") : node.get("messageId");
            return id == null || id.isNull() ? null : id.asText();
        } catch (JsonProcessingException e) {
            return null; // accepted all the same: the status code is the contract
        }
    }
}
