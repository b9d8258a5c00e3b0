package vn.hotline1022.intake.sms;

import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import vn.hotline1022.commons.web.ProblemException;
import vn.hotline1022.events.common.ContactChannel;
import vn.hotline1022.intake.IntakeConfig;
import vn.hotline1022.intake.geography.AdminUnits;
import vn.hotline1022.intake.tracking.CitizenCases;
import vn.hotline1022.intake.tracking.CitizenGuard;
import vn.hotline1022.text.PhoneNumbers;

/**
 * Messages to 1022 from a gateway (an SMS gateway, a Zalo Official Account): every message is answered with a case
 * code. A keyword text opens (or joins) a case with the sender's phone; free text becomes a callback in the agents'
 * queue, whose code the case will keep. A message id seen before gets its first answer again and nothing else happens.
 */
@ApplicationScoped
public class InboundTexts {

    /** Where a message came from: the gateway that relayed it (its ids are unique per provider) and the channel. */
    public record Source(String provider, ContactChannel channel) {
    }

    public static final Source TWILIO_SMS = new Source("twilio", ContactChannel.SMS);

    @Inject
    InboundTextCases cases;

    @Inject
    CitizenGuard guard;

    @Inject
    AdminUnits units;

    @Inject
    IntakeConfig config;

    @Inject
    CitizenCases citizens;

    /**
     * DANHAN / CHUANHAN: only a channel that proves the sender's phone (an SMS from it) may answer for a case, and
     * only for a case of that phone; a wrong phone, an unknown code and a refused guess all get the same answer.
     */
    private String confirm(Source source, String messageId, String phone, TextKeywords.Confirmation confirmation) {
        if (source.channel() != ContactChannel.SMS) {
            return cases.answer(source.provider(), messageId, "Tổng đài 1022: xin xác nhận bằng tin nhắn SMS từ số"
                    + " điện thoại đã gọi, hoặc trên trang tra cứu hồ sơ.");
        }
        String reply;
        try {
            citizens.confirm(confirmation.caseCode(), phone, confirmation.helped());
            reply = confirmation.helped()
                    ? "Tổng đài 1022 cảm ơn bạn đã xác nhận đã nhận hỗ trợ (hồ sơ " + confirmation.caseCode() + ")."
                    : "Tổng đài 1022 đã ghi nhận bạn chưa nhận được hỗ trợ (hồ sơ " + confirmation.caseCode()
                            + "); hồ sơ được ưu tiên xử lý lại và chuyển cán bộ kiểm tra.";
        } catch (ProblemException refused) {
            if (refused.status() >= 500) {
                throw refused;
            }
            reply = "Tổng đài 1022: không tìm thấy hồ sơ " + confirmation.caseCode() + " của số điện thoại này.";
        }
        return cases.answer(source.provider(), messageId, reply);
    }

    /** The answer to the text {@code body} from {@code from} (any phone form), gateway message {@code messageId}. */
    public String receive(Source source, String messageId, String from, String body) {
        String provider = source.provider();
        Optional<String> before = cases.answered(provider, messageId);
        if (before.isPresent()) {
            return before.get(); // a second delivery of the same message
        }
        Optional<String> phone = PhoneNumbers.normalise(from);
        if (phone.isEmpty()) {
            return cases.answer(provider, messageId, "Tổng đài 1022 chỉ nhận tin nhắn từ số điện thoại Việt Nam.");
        }
        if (body == null || body.isBlank()) {
            return cases.answer(provider, messageId, TextKeywords.help());
        }
        Optional<TextKeywords.Request> request = TextKeywords.parse(body);
        // A ward code that does not exist: an agent calls back to find the place, as for free text.
        String preface = request.isPresent() && units.ward(request.get().wardCode()).isEmpty()
                ? "Không có phường/xã mã " + request.get().wardCode() + ". " : "";
        if (!preface.isEmpty()) {
            request = Optional.empty();
        }
        try {
            guard.admitWithin(guard.phoneKey(source.channel().name().toLowerCase(java.util.Locale.ROOT),
                    phone.get()), config.sms().textsPerPhonePerHour(), Duration.ofHours(1));
        } catch (ProblemException tooMany) {
            if (tooMany.status() != 429) {
                throw tooMany;
            }
            return cases.answer(provider, messageId, "Tổng đài 1022 đã nhận nhiều tin nhắn từ số này trong giờ qua;"
                    + " yêu cầu của bạn đang được xử lý. Cần gấp, xin gọi 1022.");
        }
        Optional<TextKeywords.Confirmation> confirmation = TextKeywords.confirmation(body);
        if (confirmation.isPresent()) {
            return confirm(source, messageId, phone.get(), confirmation.get());
        }
        return request.isPresent()
                ? cases.take(provider, messageId, source.channel(), phone.get(), request.get(), body)
                : cases.callback(provider, messageId, source.channel(), phone.get(), body, preface);
    }
}
