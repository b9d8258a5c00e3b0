package vn.hotline1022.intake.sms;

import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import vn.hotline1022.commons.web.ProblemException;
import vn.hotline1022.intake.IntakeConfig;
import vn.hotline1022.intake.geography.AdminUnits;
import vn.hotline1022.intake.tracking.CitizenGuard;
import vn.hotline1022.text.PhoneNumbers;

/**
 * Texts to 1022 from the SMS gateway: every text is answered, a keyword text opens (or joins) a case with the sender's
 * phone and the answer carries its code; anything else is answered with the syntax. A message id seen before gets
 * its first answer again and nothing else happens.
 */
@ApplicationScoped
public class InboundTexts {

    static final String PROVIDER = "twilio";

    @Inject
    InboundTextCases cases;

    @Inject
    CitizenGuard guard;

    @Inject
    AdminUnits units;

    @Inject
    IntakeConfig config;

    /** The answer to the text {@code body} from {@code from} (any phone form), gateway message {@code messageId}. */
    public String receive(String messageId, String from, String body) {
        Optional<String> before = cases.answered(PROVIDER, messageId);
        if (before.isPresent()) {
            return before.get(); // a second delivery of the same message
        }
        Optional<String> phone = PhoneNumbers.normalise(from);
        Optional<TextKeywords.Request> request = TextKeywords.parse(body);
        if (phone.isEmpty()) {
            return cases.answer(PROVIDER, messageId, "Tổng đài 1022 chỉ nhận tin nhắn từ số điện thoại Việt Nam.");
        }
        if (request.isEmpty()) {
            return cases.answer(PROVIDER, messageId, TextKeywords.help());
        }
        if (units.ward(request.get().wardCode()).isEmpty()) {
            return cases.answer(PROVIDER, messageId, "Tổng đài 1022: không có phường/xã mã "
                    + request.get().wardCode() + ". " + TextKeywords.help());
        }
        try {
            guard.admitWithin(CitizenGuard.phoneKey("sms", phone.get()), config.sms().textsPerPhonePerHour(),
                    Duration.ofHours(1));
        } catch (ProblemException tooMany) {
            if (tooMany.status() != 429) {
                throw tooMany;
            }
            return cases.answer(PROVIDER, messageId, "Tổng đài 1022 đã nhận nhiều tin nhắn từ số này trong giờ qua;"
                    + " yêu cầu của bạn đang được xử lý. Cần gấp, xin gọi 1022.");
        }
        return cases.take(PROVIDER, messageId, phone.get(), request.get());
    }
}
