package vn.hotline1022.notification.channels;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import vn.hotline1022.notification.NotificationConfig;

/**
 * A group reached through a webhook (a chat bridge, a ward's own tool): {@code POST} of
 * {@code {"notificationId","group","subject","text"}} to the group's URL, with {@code X-Hotline-Delivery} (the
 * notification id, the same on every retry, so the receiver can drop a repeat), {@code X-Hotline-Timestamp} (Unix
 * seconds of this attempt) and {@code X-Hotline-Signature: sha256=<hex HMAC-SHA256 of "timestamp.body">} keyed with the
 * group's signing key: the receiver checks the signature and refuses a timestamp older than a few minutes, so a
 * captured request cannot be replayed later. A group without a signing key is never sent to (not unsigned). Any 2xx
 * answer is delivery.
 */
public class WebhookChannel implements NoticeChannel {

    public static final String NAME = NotificationConfig.Group.Kind.WEBHOOK.name();

    private final Map<String, NotificationConfig.Group> groups;
    private final JsonPost post;

    public WebhookChannel(Map<String, NotificationConfig.Group> groups, Duration timeout) {
        this.groups = groups;
        this.post = new JsonPost("webhook", timeout);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String send(OutgoingNotice notice) throws DeliveryException {
        NotificationConfig.Group group = Channels.group(groups, notice.to(),
                NotificationConfig.Group.Kind.WEBHOOK);
        URI url;
        try {
            url = URI.create(group.address().strip());
        } catch (IllegalArgumentException e) {
            throw new DeliveryException("webhook of " + notice.to() + ": not a URL");
        }
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("notificationId", notice.notificationId().toString());
        message.put("group", notice.to());
        message.put("subject", notice.caseCode());
        message.put("text", notice.text());
        String body = JsonPost.json(message);
        Map<String, String> headers = new LinkedHashMap<>();
        String key = group.signingKey().filter(s -> !s.isBlank()).orElseThrow(() -> new DeliveryException(
                "webhook of " + notice.to() + " has no signing-key: not sent unsigned"));
        String timestamp = String.valueOf(java.time.Instant.now().getEpochSecond());
        headers.put("X-Hotline-Delivery", notice.notificationId().toString());
        headers.put("X-Hotline-Timestamp", timestamp);
        headers.put("X-Hotline-Signature", signature(key, timestamp + "." + body));
        post.post(url, body, headers);
        return notice.notificationId().toString();
    }

    /** {@code sha256=} and the hex HMAC-SHA256 of what is signed ("timestamp.body"), keyed with the group's key. */
    public static String signature(String secret, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has HmacSHA256", e);
        }
    }
}
