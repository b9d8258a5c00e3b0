package vn.hotline1022.notification.channels;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import vn.hotline1022.notification.NotificationConfig;

/**
 * A message to a Zalo group the hotline's Official Account is a member of (a steering committee's, a ward's community
 * team's): the OA API's group message, {@code POST {"recipient":{"group_id"},"message":{"text"}}} with the OA's
 * {@code access_token} header; {@code "error": 0} and {@code data.message_id} on success. The notice is addressed to
 * a configured group by name; its Zalo group id comes from the configuration.
 */
public class ZaloGroupChannel implements NoticeChannel {

    public static final String NAME = NotificationConfig.Group.Kind.ZALO_GROUP.name();

    private final URI url;
    private final Optional<String> accessToken;
    private final Map<String, NotificationConfig.Group> groups;
    private final JsonPost post;

    public ZaloGroupChannel(URI url, Optional<String> accessToken, Map<String, NotificationConfig.Group> groups,
            Duration timeout) {
        this.url = url;
        this.accessToken = accessToken;
        this.groups = groups;
        this.post = new JsonPost("Zalo", timeout);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String send(OutgoingNotice notice) throws DeliveryException {
        NotificationConfig.Group group = Channels.group(groups, notice.to(),
                NotificationConfig.Group.Kind.ZALO_GROUP);
        String token = accessToken.filter(t -> !t.isBlank())
                .orElseThrow(() -> new DeliveryException("Zalo access token not configured"));
        String body = JsonPost.json(Map.of("recipient", Map.of("group_id", group.address()),
                "message", Map.of("text", notice.text())));
        String answer = post.post(url, body, Map.of("access_token", token));
        return JsonPost.text(post.zaloData(answer).path("message_id"));
    }
}
