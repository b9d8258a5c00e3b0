package vn.hotline1022.intake.open311;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import vn.hotline1022.commons.web.ProblemException;
import vn.hotline1022.events.common.Need;
import vn.hotline1022.intake.timeline.VietnameseWords;

/**
 * The hotline's needs as Open311 services: the service code is the need's name (FOOD, EMERGENCY_TRANSPORT...), the
 * name Vietnamese first (English with {@code lang=en}), grouped as the hotline triages them.
 */
final class Services {

    private Services() {
    }

    static List<Open311Records.Service> all(boolean english) {
        return Arrays.stream(Need.values())
                .map(n -> new Open311Records.Service(n.name(), name(n, english), description(n, english), true,
                        "realtime", n.name().toLowerCase(Locale.ROOT).replace('_', ','), group(n, english)))
                .toList();
    }

    /** Every service takes the same one attribute: the size of the household that needs help. */
    static Open311Records.ServiceDefinition definition(String serviceCode, boolean english) {
        Need need = need(serviceCode);
        return new Open311Records.ServiceDefinition(need.name(), List.of(new Open311Records.Attribute(true,
                "household_size", "number", false, english ? "whole number, 1 to 50" : "số nguyên từ 1 đến 50", 1,
                english ? "People in the household" : "Số người trong hộ", null)));
    }

    static Need need(String serviceCode) {
        try {
            return Need.valueOf(serviceCode.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ProblemException.invalidField("service_code",
                    "must be one of " + Arrays.toString(Need.values()) + " (GET services.json)");
        }
    }

    static String name(Need need, boolean english) {
        if (english) {
            String words = need.name().toLowerCase(Locale.ROOT).replace('_', ' ');
            return Character.toUpperCase(words.charAt(0)) + words.substring(1);
        }
        String words = VietnameseWords.need(need.name());
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    private static String description(Need need, boolean english) {
        return switch (need) {
            case EMERGENCY_TRANSPORT -> english ? "A patient must be taken to hospital now"
                    : "Cần xe đưa người bệnh đi cấp cứu ngay";
            case HOSPITAL_ADMISSION -> english ? "A patient needs a hospital bed" : "Người bệnh cần giường bệnh viện";
            case MEDICAL_CONSULTATION -> english ? "Medical advice at home" : "Cần tư vấn y tế tại nhà";
            case OXYGEN_SUPPORT -> english ? "Oxygen for a patient at home" : "Cần ô-xy cho người bệnh tại nhà";
            case FOOD -> english ? "The household has no food" : "Hộ gia đình thiếu lương thực";
            case RENT_SUPPORT -> english ? "The household cannot pay rent" : "Hộ gia đình không đủ tiền thuê nhà";
            case CASH_SUPPORT -> english ? "The household needs cash support" : "Hộ gia đình cần hỗ trợ tiền mặt";
            case INFORMATION -> english ? "A question for the hotline" : "Hỏi thông tin";
            case VIOLATION_REPORT -> english ? "Report a violation of the rules" : "Phản ánh vi phạm";
        };
    }

    private static String group(Need need, boolean english) {
        return switch (need) {
            case EMERGENCY_TRANSPORT, HOSPITAL_ADMISSION, MEDICAL_CONSULTATION, OXYGEN_SUPPORT ->
                english ? "Medical" : "Y tế";
            case FOOD, RENT_SUPPORT, CASH_SUPPORT -> english ? "Relief" : "An sinh";
            case INFORMATION, VIOLATION_REPORT -> english ? "Questions and reports" : "Hỏi đáp và phản ánh";
        };
    }
}
