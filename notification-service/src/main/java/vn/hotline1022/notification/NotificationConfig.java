package vn.hotline1022.notification;

import java.net.URI;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Business settings of notification; the defaults send nothing outside the machine (console channel). */
@ConfigMapping(prefix = "hotline.notification")
public interface NotificationConfig {

    enum ChannelKind {
        CONSOLE, SMS, ZALO
    }

    /**
     * Key of the opt-out hashes ({@code OptOuts}): without it a leaked opt-out table could be reversed by hashing every
     * Vietnamese number. The default is for development; production refuses to start with it (RequiredSecrets).
     */
    @WithDefault("dev-only-opt-out-salt")
    String optOutSalt();

    /**
     * How citizens are reached, comma-separated: {@code console} logs the notice (local runs), {@code sms} posts to the
     * gateway, {@code zalo} sends through the Zalo Official Account. With several, each gets its own delivery-log row,
     * so one failing channel does not hold back the others.
     */
    @WithDefault("console")
    List<ChannelKind> channel();

    /** Language of a citizen's notices until intake records a preference ({@code vi} or {@code en}). */
    @WithDefault("vi")
    String defaultLanguage();

    /** Language of the e-mails to officials and ops. */
    @WithDefault("vi")
    String staffLanguage();

    /**
     * Ward/district officials (cán bộ phường/quận) told of escalations and queued dispatches, by GSO district code:
     * {@code hotline.notification.officials."721"=a@thuan-an.gov.vn,b@thuan-an.gov.vn}.
     */
    Map<String, List<String>> officials();

    /**
     * Hospitals asked for a bed (PatientReferred) and told when the question expired, by 5-digit facility code
     * (mã KCB): {@code hotline.notification.hospitals."74001".email=} and/or {@code .phone=}. A hospital not listed here, or with
     * neither, gets no notice (it still sees its referrals in referral-service's API).
     */
    Map<String, Contact> hospitals();

    /**
     * Rapid-response teams told of their dispatch by SMS, by team code:
     * {@code hotline.notification.teams."TA-01".phone=}.
     * A team not listed here gets no SMS (it still sees the case in the app).
     */
    Map<String, Contact> teams();

    /**
     * Group channels (nhóm Zalo, webhooks) told of zone changes, SLA breaches and districts' daily summaries, by a name
     * of our own: {@code hotline.notification.groups."ban-chi-dao-74".channel=ZALO_GROUP}, {@code .address=} (the Zalo
     * group's id, or the webhook's URL), {@code .areas=*} or district and ward codes, {@code .topics=}.
     */
    Map<String, Group> groups();

    /** What a group hears of. */
    enum Topic {
        /** A ward's zone colour changed (urgent). */
        ZONE_CHANGES,
        /** A case missed a deadline and was escalated (urgent). */
        SLA_BREACHES,
        /** A district's day in figures, every evening (waits out quiet hours). */
        DAILY_SUMMARIES
    }

    interface Group {
        enum Kind {
            /** A Zalo group the hotline's Official Account is a member of (the OA API's group message). */
            ZALO_GROUP,
            /** Any system that takes a signed JSON post (a chat bridge, a ward's own tool). */
            WEBHOOK
        }

        Kind channel();

        /** The Zalo group's id, or the webhook's URL. */
        String address();

        /**
         * Webhook only: the key of the {@code X-Hotline-Signature} HMAC-SHA256 (required: never sent unsigned). Set it from a
         * Secret ({@code HOTLINE_NOTIFICATION_GROUPS__<name>__SIGNING_KEY}), never in a committed file.
         */
        Optional<String> signingKey();

        /**
         * Where the group hears of: {@code *} (everywhere), district codes (3 digits) and ward codes (5 digits). None:
         * nothing at all, never everything. A daily summary reaches a group listing its district (or {@code *}).
         */
        Optional<List<String>> areas();

        @WithDefault("ZONE_CHANGES,SLA_BREACHES,DAILY_SUMMARIES")
        List<Topic> topics();
    }

    /** Ops mailboxes told of failed notices and expired referrals; none when unset. */
    Optional<List<String>> opsEmails();

    Sms sms();

    Zalo zalo();

    Email email();

    Retry retry();

    Sender sender();

    QuietHours quietHours();

    RateLimit rateLimit();

    /** How a hospital or a team is reached; either may be missing. */
    interface Contact {
        Optional<String> email();

        Optional<String> phone();
    }

    interface Sms {
        /** The SMS gateway's send endpoint; it receives {@code {"to","text","reference"}} as JSON. */
        @WithDefault("http://localhost:9090/sms")
        URI url();

        /** Sent as a bearer token when set; never logged. */
        Optional<String> apiKey();

        /** Bounds connect plus answer, so a slow gateway cannot hold a sender (and its row lock) for long. */
        @WithDefault("5s")
        Duration timeout();
    }

    interface Zalo {
        /** Zalo Notification Service's template-message endpoint (sends to a phone number). */
        @WithDefault("https://business.openapi.zalo.me/message/template")
        URI url();

        /** The OA's access token, sent in the {@code access_token} header; never logged. */
        Optional<String> accessToken();

        /** The OA API's group message endpoint (a group the OA is a member of, by group id). */
        @WithDefault("https://openapi.zalo.me/v3.0/oa/group/message")
        URI groupUrl();

        /** The approved ZNS template whose single parameter {@code text} carries the notice. */
        @WithDefault("hotline1022-notice")
        String templateId();

        @WithDefault("5s")
        Duration timeout();
    }

    interface Email {
        /** Bounds one SMTP exchange. The server itself is {@code quarkus.mailer.*}. */
        @WithDefault("10s")
        Duration timeout();
    }

    interface Retry {
        /** Attempts per notice, the first included; after the last failure it is FAILED (NotificationFailed). */
        @WithDefault("5")
        int maxAttempts();

        /** Wait after the first failure; doubled after each further one. */
        @WithDefault("30s")
        Duration initialBackoff();

        @WithDefault("30m")
        Duration maxBackoff();
    }

    interface Sender {
        /** Worker threads sending due notices; a slow channel holds one of them, not the others. */
        @WithDefault("2")
        int workers();

        /** How often a worker looks for due notices (retries, other instances' rows); a commit wakes it at once. */
        @WithDefault("1s")
        Duration pollInterval();
    }

    /**
     * No non-urgent SMS or Zalo notice to citizens at night (giờ yên tĩnh); it waits until the end of the quiet hours.
     * Urgent notices (the call's acknowledgement, dispatch, referral) go at any hour.
     */
    interface QuietHours {
        @WithDefault("true")
        boolean enabled();

        @WithDefault("21:30")
        LocalTime start();

        @WithDefault("06:30")
        LocalTime end();

        @WithDefault("Asia/Ho_Chi_Minh")
        String zone();
    }

    /** At most this many non-urgent notices to one phone per channel and window; more wait for a free slot. */
    interface RateLimit {
        @WithDefault("5")
        int perWindow();

        @WithDefault("1h")
        Duration window();
    }
}
