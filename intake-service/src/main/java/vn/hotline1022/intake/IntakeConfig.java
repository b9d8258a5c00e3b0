package vn.hotline1022.intake;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Business settings of intake; each has a default fit for a province-sized hotline. */
@ConfigMapping(prefix = "hotline.intake")
public interface IntakeConfig {

    Triage triage();

    /**
     * The province whose 1022 line this is (GSO code): a message whose place is not known yet (free text awaiting a
     * callback) is numbered and queued there. The demo hotline is Bình Dương's.
     */
    @WithDefault("74")
    String homeProvince();

    Sla sla();

    Citizens citizens();

    Open311 open311();

    /** Service requests from the web and partner apps (Open311 GeoReport v2, {@code /open311/v2}). */
    interface Open311 {
        /**
         * Partner apps allowed to post requests: the app's name and the SHA-256 (hex) of its API key. The key itself
         * is never configured or stored, only its hash.
         */
        java.util.Map<String, String> apiKeyHashes();

        /** Requests one partner app may post per hour (whatever the phones). */
        @WithDefault("300")
        int requestsPerClientPerHour();

        /** Requests one phone may post per hour through any client. */
        @WithDefault("3")
        int requestsPerPhonePerHour();

        /**
         * Confirmation codes texted for anonymous web requests per hour, whoever asks: however many addresses a sender
         * holds, the hotline texts strangers no more than this (past it, people are told to call 1022).
         */
        @WithDefault("300")
        int confirmationTextsPerHour();
    }

    /** Texts to the hotline's number, posted by an SMS gateway in Twilio's webhook format. */
    InboundTexts sms();

    interface InboundTexts {
        /**
         * The gateway account's auth token, which signs each post. Without it the webhook takes nothing (404): an
         * unsigned text never opens a case.
         */
        java.util.Optional<String> authToken();

        /** The public URL the gateway posts to, as the gateway signs it (behind proxies it differs from ours). */
        java.util.Optional<String> webhookUrl();

        /** Texts one phone may send per hour that are acted on; later ones are answered, not acted on. */
        @WithDefault("3")
        int textsPerPhonePerHour();
    }

    /** The agents' callback queue (messages in no syntax). */
    Callbacks callbacks();

    interface Callbacks {
        /**
         * A callback nobody answered in this long is closed as EXPIRED and its phone and message erased: personal data
         * is not kept for a call that is never coming (HotlineCallbacksWaiting alerts long before).
         */
        @WithDefault("7D")
        Duration expireAfter();
    }

    /** Messages to the hotline's Zalo Official Account (its webhook) and the answers sent back through the OA API. */
    Zalo zalo();

    interface Zalo {
        /** The Zalo app the OA's webhook belongs to: events of any other app are refused. */
        java.util.Optional<String> appId();

        /** The OA secret key, which signs each event. Without it the webhook takes nothing (404). */
        java.util.Optional<String> secretKey();

        /** The OA access token the answers are sent with (Zalo's OAuth flow renews it; set the current one). */
        java.util.Optional<String> accessToken();

        /** Zalo's endpoint for a consultation message to a user who wrote to the OA. */
        @WithDefault("https://openapi.zalo.me/v3.0/oa/message/cs")
        java.net.URI apiUrl();

        /**
         * Events older than this are refused as replays; longer than Zalo's own retries of an unanswered event (about
         * two hours), so a retried event is still taken (and, its msg_id known, acted on once).
         */
        @WithDefault("6H")
        Duration maxEventAge();

        /** Attempts at sending one answer before it is given up (with growing waits, up to 10 minutes). */
        @WithDefault("8")
        int replyAttempts();

        /** How often queued answers are looked for (a Quartz-style duration, e.g. {@code 1s}). */
        @WithDefault("1s")
        String sendEvery();

        /** How long one attempt may wait for Zalo. */
        @WithDefault("5S")
        Duration replyTimeout();
    }

    /** The weekly report, issued per province and district to their officials (báo cáo tuần). */
    WeeklyReports weeklyReport();

    interface WeeklyReports {
        /** When the last week's reports are issued: Mondays at 07:00 (Quartz cron, in {@link #zone()}). */
        @WithDefault("0 0 7 ? * MON")
        String cron();

        @WithDefault("Asia/Ho_Chi_Minh")
        String zone();
    }

    /**
     * Limits on what anyone can do on the citizens' public endpoints (tracking, confirmation) without signing in,
     * counted in the database per case code, per phone and per code + phone pair.
     */
    interface Citizens {
        /** "Help has not arrived" reopens and escalates a case at most once per this interval; later: a contact. */
        @WithDefault("2H")
        Duration reopenEscalationInterval();

        /** Requests per case code and per phone in one window. */
        @WithDefault("10")
        int requestsPerWindow();

        @WithDefault("10M")
        Duration window();

        /** Failed look-ups (unknown code, wrong phone) of one code + phone pair before it is locked. */
        @WithDefault("5")
        int pairFailures();

        /** Failed look-ups of one code (any phone), or of one phone (any code), before it is locked. */
        @WithDefault("10")
        int keyFailures();

        @WithDefault("30M")
        Duration lockout();
    }

    /**
     * Priority rules (0–100, capped at 100): the weight of the most urgent need, plus bonuses. Every rule that applies
     * is shown on the case with its points, so an agent can say why a case is where it is in the queue.
     */
    interface Triage {
        /** Added to the priority for each vulnerability (elderly, pregnant, ...) in the household, up to 100. */
        @WithDefault("5")
        int vulnerabilityBonus();

        /** Added when the household is large: more people exposed, more mouths to feed. */
        @WithDefault("5")
        int largeHouseholdBonus();

        @WithDefault("6")
        int largeHouseholdSize();

        /** Added for each call after the first on the same case: calling again means help is late. */
        @WithDefault("10")
        int repeatCallBonus();

        /** The most repeat calls can add, so that persistence never outranks a medical emergency. */
        @WithDefault("30")
        int repeatCallMaxBonus();

        /** The ward is a red zone (vùng đỏ, strict lockdown): people cannot go out for help themselves. */
        @WithDefault("15")
        int redZoneBonus();

        /** Added per escalation level reached (missed deadlines): the longer people wait, the higher they go. */
        @WithDefault("10")
        int escalationBonus();

        /** The ward is an orange zone (vùng cam). */
        @WithDefault("5")
        int orangeZoneBonus();

        NeedWeights needWeight();
    }

    /** Base priority of each need; a case takes its most urgent need's weight. Life first, then food before money. */
    interface NeedWeights {
        @WithDefault("90")
        int emergencyTransport();

        @WithDefault("85")
        int oxygenSupport();

        @WithDefault("80")
        int hospitalAdmission();

        @WithDefault("60")
        int medicalConsultation();

        @WithDefault("45")
        int food();

        @WithDefault("30")
        int cashSupport();

        @WithDefault("25")
        int rentSupport();

        @WithDefault("15")
        int violationReport();

        @WithDefault("10")
        int information();
    }

    /**
     * SLA clocks, from the call (a later call adding a more urgent need can only shorten them). The strictest class of
     * the case's needs applies. Defaults follow the 2021 targets: households reached within 2 h, everything handled
     * within 5 h, emergencies in minutes.
     */
    interface Sla {
        /** Emergency needs: transport, oxygen, hospital admission. */
        @WithDefault("15M")
        Duration emergencyFirstAction();

        @WithDefault("5H")
        Duration emergencyResolution();

        /** Hardship needs: food, rent, cash. */
        @WithDefault("2H")
        Duration hardshipFirstAction();

        @WithDefault("5H")
        Duration hardshipResolution();

        /** Everything else: medical advice, information, violation reports. */
        @WithDefault("5H")
        Duration otherFirstAction();

        @WithDefault("24H")
        Duration otherResolution();

        /** How often the escalation job looks for breached clocks. */
        @WithDefault("60s")
        String checkEvery();

        /** Cases escalated per transaction of the job; the rest wait for the next batch of the same run. */
        @WithDefault("200")
        int batchSize();
    }
}
