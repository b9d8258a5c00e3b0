package vn.hotline1022.notification.channels;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import vn.hotline1022.text.PhoneNumbers;
import java.util.Optional;


/**
 * Zalo Official Account messages through the Zalo Notification Service (ZNS) HTTP API, which reaches a citizen by phone
 * number (we hold no Zalo user id): {@code POST {"phone","template_id","template_data","tracking_id"}} with the OA's
 * {@code access_token} header. Zalo answers HTTP 200 with {@code "error": 0} on success and {@code data.msg_id} as its
 * id; any other {@code error} is a refusal.
 */
public class ZaloChannel implements NoticeChannel {

    private final URI url;
    private final Optional<String> accessToken;
    private final String templateId;
    private final JsonPost post;

    public ZaloChannel(URI url, Optional<String> accessToken, String templateId, Duration timeout) {
        this.url = url;
        this.accessToken = accessToken;
        this.templateId = templateId;
        this.post = new JsonPost("Zalo", timeout);
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
        String answer = post.post(url, JsonPost.json(body), Map.of("access_token", accessToken.get()));
        return JsonPost.text(post.zaloData(answer).path("msg_id"));
    }
}
