package vn.hotline1022.intake.zalo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import vn.hotline1022.commons.web.ProblemException;
import vn.hotline1022.events.common.ContactChannel;
import vn.hotline1022.intake.IntakeConfig;
import vn.hotline1022.intake.sms.InboundTextCases;
import vn.hotline1022.intake.sms.InboundTexts;
import vn.hotline1022.intake.sms.TextKeywords;
import vn.hotline1022.intake.tracking.CitizenGuard;
import vn.hotline1022.text.PhoneNumbers;

/**
 * Messages to the hotline's Zalo Official Account. Zalo gives the OA a user id, never the sender's phone, so a message
 * must carry one: at the end of the keyword syntax ({@code 1022 LUONGTHUC 25741 4 0912345678}) or anywhere in free
 * text, which then waits for a callback to that number. Then it is taken as a text to 1022 ({@link InboundTexts}) and
 * its answer is queued for the OA to send back ({@link ZaloReplies}). A message without a number is answered with how
 * to give one.
 */
@ApplicationScoped
public class ZaloMessages {

    public static final InboundTexts.Source ZALO_OA = new InboundTexts.Source("zalo", ContactChannel.ZALO);
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_\\-]{1,64}");
    private static final int MAX_TEXT = 2000;
    /** Zalo's own clock may run a little ahead of ours. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    IntakeConfig config;

    @Inject
    InboundTexts texts;

    @Inject
    InboundTextCases cases;

    @Inject
    ZaloReplies replies;

    @Inject
    CitizenGuard guard;

    /** @return whether the event was a message that was acted on or answered (other events are ignored) */
    public boolean receive(String body, String signature) {
        IntakeConfig.Zalo zalo = config.zalo();
        String secret = zalo.secretKey().filter(s -> !s.isBlank())
                .orElseThrow(() -> ProblemException.notFound("inbound Zalo (not configured)"));
        JsonNode event = parse(body);
        String appId = event.path("app_id").asText("");
        String timestamp = event.path("timestamp").asText("");
        if (!ZaloSignature.matches(appId, body, timestamp, secret, signature)) {
            throw forbidden("X-ZEvent-Signature does not match this body for the OA's secret key");
        }
        if (!zalo.appId().map(appId::equals).orElse(false)) {
            throw forbidden("the event is for another Zalo app");
        }
        Instant at = instant(timestamp);
        Instant now = Instant.now();
        if (at.isBefore(now.minus(zalo.maxEventAge())) || at.isAfter(now.plus(CLOCK_SKEW))) {
            throw forbidden("the event's timestamp is outside the accepted window: a replay");
        }
        if (!"user_send_text".equals(event.path("event_name").asText())) {
            return false; // follows, stickers, read receipts: nothing to do
        }
        String messageId = id(event.path("message").path("msg_id"), "message.msg_id");
        String userId = id(event.path("sender").path("id"), "sender.id");
        if (cases.answered(ZALO_OA.provider(), messageId).isPresent()) {
            replies.queue(ZALO_OA.provider(), messageId, userId); // Zalo delivered it again: answered once
            return true;
        }
        if (!admitted(userId)) {
            cases.answer(ZALO_OA.provider(), messageId, "Tổng đài 1022 đã nhận nhiều tin nhắn từ tài khoản này trong"
                    + " giờ qua; yêu cầu của bạn đang được xử lý. Cần gấp, xin gọi 1022.");
            replies.queue(ZALO_OA.provider(), messageId, userId);
            return true;
        }
        String written = event.path("message").path("text").asText("");
        String text = written.length() > MAX_TEXT ? written.substring(0, MAX_TEXT) : written;
        Optional<String> phone = TextKeywords.parse(text).map(TextKeywords.Request::phone)
                .or(() -> PhoneNumbers.findIn(text));
        if (phone.isEmpty()) {
            cases.answer(ZALO_OA.provider(), messageId, "Tổng đài 1022 cần số điện thoại để liên hệ với bạn: xin nhắn"
                    + " lại kèm số điện thoại, ví dụ 1022 LUONGTHUC 25741 4 0912345678. Cần gấp, xin gọi 1022.");
        } else {
            texts.receive(ZALO_OA, messageId, phone.get(), text);
        }
        replies.queue(ZALO_OA.provider(), messageId, userId);
        return true;
    }

    /**
     * One Zalo account may name any phone, so it has its own hourly budget besides each phone's: it cannot open
     * callbacks for a list of numbers.
     */
    private boolean admitted(String userId) {
        try {
            guard.admitWithin(guard.phoneKey("zalo-user", userId), config.sms().textsPerPhonePerHour(),
                    Duration.ofHours(1));
            return true;
        } catch (ProblemException tooMany) {
            if (tooMany.status() != 429) {
                throw tooMany;
            }
            return false;
        }
    }

    private static JsonNode parse(String body) {
        try {
            JsonNode event = body == null ? null : JSON.readTree(body);
            if (event == null || !event.isObject()) {
                throw ProblemException.invalidField("body", "must be a Zalo webhook event (a JSON object)");
            }
            return event;
        } catch (JsonProcessingException e) {
            throw ProblemException.invalidField("body", "must be a Zalo webhook event (JSON)");
        }
    }

    private static Instant instant(String timestamp) {
        try {
            return Instant.ofEpochMilli(Long.parseLong(timestamp));
        } catch (NumberFormatException | java.time.DateTimeException e) {
            throw ProblemException.invalidField("timestamp", "must be the event's time in milliseconds");
        }
    }

    private static String id(JsonNode node, String field) {
        String value = node.isValueNode() ? node.asText() : "";
        if (!ID.matcher(value).matches()) {
            throw ProblemException.invalidField(field, "must be Zalo's id (1–64 letters, digits, - or _)");
        }
        return value;
    }

    private static ProblemException forbidden(String detail) {
        return new ProblemException(403, "Refused Zalo event", detail, List.of());
    }
}
