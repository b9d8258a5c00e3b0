package vn.hotline1022.notification.channels;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import vn.hotline1022.notification.NotificationConfig;

/** The channel citizens are reached by, chosen once at start from {@code hotline.notification.channel}. */
@ApplicationScoped
public class Channels {

    @Produces
    @ApplicationScoped
    NoticeChannel citizenChannel(NotificationConfig config) {
        return switch (config.channel()) {
            case CONSOLE -> new ConsoleChannel();
            case SMS -> new SmsChannel(config.sms().url(), config.sms().apiKey(), config.sms().timeout());
        };
    }
}
