package vn.hotline1022.notification;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Business settings of notification; the defaults send nothing outside the machine (console channel). */
@ConfigMapping(prefix = "hotline.notification")
public interface NotificationConfig {

    enum ChannelKind {
        CONSOLE, SMS
    }

    /** How citizens are reached: {@code console} logs the notice (local runs), {@code sms} posts to the gateway. */
    @WithDefault("console")
    ChannelKind channel();

    /** Language of a citizen's notices until intake records a preference ({@code vi} or {@code en}). */
    @WithDefault("vi")
    String defaultLanguage();

    Sms sms();

    interface Sms {
        /** The SMS gateway's send endpoint; it receives {@code {"to","text","reference"}} as JSON. */
        @WithDefault("http://localhost:9090/sms")
        URI url();

        /** Sent as a bearer token when set; never logged. */
        Optional<String> apiKey();

        /** Bounds connect plus answer, so a slow gateway cannot hold a consumer (and its transaction) for long. */
        @WithDefault("5s")
        Duration timeout();
    }
}
