package vn.hotline1022.notification.channels;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.mailer.reactive.ReactiveMailer;
import vn.hotline1022.notification.NotificationConfig;

/** Every channel by its name in the delivery log, and which of them reach citizens ({@code hotline.notification.channel}). */
@ApplicationScoped
public class Channels {

    public static final String EMAIL = "EMAIL";
    public static final String SMS = "SMS";

    @Inject
    NotificationConfig config;

    @Inject
    ReactiveMailer mailer;

    private final Map<String, NoticeChannel> byName = new LinkedHashMap<>();
    private List<String> citizenChannels;

    @PostConstruct
    void build() {
        var sms = config.sms();
        var zalo = config.zalo();
        for (NoticeChannel c : List.of(new ConsoleChannel(),
                new SmsChannel(sms.url(), sms.apiKey(), sms.timeout()),
                new ZaloChannel(zalo.url(), zalo.accessToken(), zalo.templateId(), zalo.timeout()),
                new EmailChannel(mailer, config.email().timeout()),
                new ZaloGroupChannel(zalo.groupUrl(), zalo.accessToken(), config.groups(), zalo.timeout()),
                new WebhookChannel(config.groups(), config.sms().timeout()))) {
            byName.put(c.name(), c);
        }
        citizenChannels = config.channel().stream().distinct().map(Enum::name).toList();
    }

    /** The names of the channels a citizen's notice goes through, in configured order. */
    public List<String> citizenChannels() {
        return citizenChannels;
    }

    /** The configured group a group notice is addressed to (by its name), if it is one of {@code kind}. */
    static NotificationConfig.Group group(Map<String, NotificationConfig.Group> groups, String name,
            NotificationConfig.Group.Kind kind) throws DeliveryException {
        NotificationConfig.Group group = name == null ? null : groups.get(name);
        if (group == null || group.channel() != kind) {
            throw new DeliveryException("no " + kind + " group configured as " + name);
        }
        return group;
    }

    public Optional<NoticeChannel> byName(String name) {
        return Optional.ofNullable(byName.get(name));
    }
}
