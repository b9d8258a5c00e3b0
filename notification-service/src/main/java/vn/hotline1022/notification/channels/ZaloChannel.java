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
 * Zalo Official Account messages through the Zalo Notification Service (ZNS) HTTP API, which reaches a citizen by phone
 * number (we hold no Zalo user id): {@code POST {"phone","template_id","template_data","tracking_id"}} with the OA's
 * {@code access_token} header. Zalo answers HTTP 200 with {@code "error": 0} on success and {@code data.msg_id} as its
 * id; any other {@code error} is a refusal.
 */
public class ZaloChannel implements NoticeChannel {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI url;
    private final Optional<String> accessToken;
    private final String templateId;
    private final Duration timeout;
    private final HttpClient http;

    public ZaloChannel(URI url, Optional<String> accessToken, String templateId, Duration timeout) {
        this.url = url;
        this.accessToken = accessToken;
        this.templateId = templateId;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public String name() {
        return "ZALO";
    }

    @Override
    public String send(OutgoingNotice notice) throws DeliveryException {
        if (notice.phone() == null || notice.phone().isBlank()) {
            throw new DeliveryException("no phone number for this case");
        }
        if (accessToken.isEmpty()) {
            throw new DeliveryException("Zalo access token not configured");
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("case_code", notice.caseCode());
        data.put("text", notice.text());
        Map<String, Object> body = new LinkedHashMap<>();
        // ZNS wants the international number without the plus, 84912345678, whatever form the number came in.
        String e164 = PhoneNumbers.e164(notice.phone()).orElse(notice.phone().strip());
        body.put("phone", e164.startsWith("+") ? e164.substring(1) : e164);
        body.put("template_id", templateId);
        body.put("template_data", data);
        body.put("tracking_id", notice.notificationId().toString());
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .header("access_token", accessToken.get())
                .POST(HttpRequest.BodyPublishers.ofString(toJson(body)))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new DeliveryException("Zalo did not answer within " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            throw new DeliveryException("Zalo unreachable (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryException("interrupted while sending the Zalo message");
        }
        if (response.statusCode() / 100 != 2) {
            throw new DeliveryException("Zalo answered HTTP " + response.statusCode());
        }
        JsonNode answer;
        try {
            answer = JSON.readTree(response.body());
        } catch (JsonProcessingException e) {
            throw new DeliveryException("Zalo answered something that is not JSON");
        }
        int error = answer.path("error").asInt(-1);
        if (error != 0) {
            // The code only: Zalo's message may quote the template data.
            throw new DeliveryException("Zalo refused the message (error " + error + ")");
        }
        JsonNode id = answer.path("data").path("msg_id");
        return id.isMissingNode() || id.isNull() ? null : id.asText();
    }

    private static String toJson(Map<String, Object> body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a Zalo request", e);
        }
    }
}
