package vn.hotline1022.intake.sms;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import vn.hotline1022.intake.cases.CaseCodes;
import vn.hotline1022.events.common.Need;
import vn.hotline1022.text.PhoneNumbers;
import vn.hotline1022.text.SearchText;

/**
 * The keyword syntax of a text to 1022: {@code 1022 <NEED> <ward code> [household size] [phone]}, e.g.
 * {@code 1022 LUONGTHUC 25741 4} (food for a household of four in Hiệp Thành). The phone is needed only where the
 * channel gives none (Zalo): {@code 1022 LUONGTHUC 25741 4 0912345678}. Case and Vietnamese marks do not matter
 * ({@code 1022 lương thực 25741} works too); the ward is its GSO code, which ward offices post and the request page
 * shows.
 */
public final class TextKeywords {

    /** Keyword (Vietnamese, without marks or spaces) → need. */
    public static final Map<String, Need> NEEDS = new LinkedHashMap<>();

    static {
        NEEDS.put("CAPCUU", Need.EMERGENCY_TRANSPORT); // cấp cứu
        NEEDS.put("NHAPVIEN", Need.HOSPITAL_ADMISSION); // nhập viện
        NEEDS.put("TUVAN", Need.MEDICAL_CONSULTATION); // tư vấn y tế
        NEEDS.put("OXY", Need.OXYGEN_SUPPORT); // bình ô-xy
        NEEDS.put("LUONGTHUC", Need.FOOD); // lương thực
        NEEDS.put("TIENNHA", Need.RENT_SUPPORT); // tiền thuê nhà
        NEEDS.put("TIENMAT", Need.CASH_SUPPORT); // hỗ trợ tiền mặt
        NEEDS.put("HOI", Need.INFORMATION); // hỏi thông tin
        NEEDS.put("VIPHAM", Need.VIOLATION_REPORT); // báo vi phạm
    }

    private static final Pattern SYNTAX = Pattern.compile(
            "^1022\\s+([a-z ]+?)\\s+(\\d{5})(?:\\s+(\\d{1,2}))?(?:\\s+(\\+?\\d[\\d .\\-]{8,16}))?\\s*$");

    /**
     * What a keyword text asks for.
     *
     * @param phone the number written at its end (canonical form), null when none was: a Zalo message has no number
     *              of its own
     */
    public record Request(Need need, String wardCode, Integer householdSize, String phone) {
    }

    /** {@code DANHAN <code>} (đã nhận: help came) or {@code CHUANHAN <code>} (chưa nhận: it did not). */
    private static final Pattern CONFIRMATION = Pattern.compile("^(da ?nhan|chua ?nhan)\\s+(\\S+)$");

    /** The citizen's answer about a case: {@code helped} false means help did not come. */
    public record Confirmation(String caseCode, boolean helped) {
    }

    private TextKeywords() {
    }

    /** A confirmation text ({@code DANHAN BD-20211207-0042-K7M}); empty for anything else or a malformed code. */
    public static Optional<Confirmation> confirmation(String body) {
        Matcher m = CONFIRMATION.matcher(SearchText.normalise(body));
        if (!m.matches()) {
            return Optional.empty();
        }
        String code = m.group(2).toUpperCase(Locale.ROOT);
        if (!code.matches(CaseCodes.PATTERN)) {
            return Optional.empty();
        }
        return Optional.of(new Confirmation(code, m.group(1).startsWith("da")));
    }

    /** The request a text spells in the keyword syntax; empty for free text or an unknown keyword. */
    public static Optional<Request> parse(String body) {
        Matcher m = SYNTAX.matcher(SearchText.normalise(body));
        if (!m.matches()) {
            return Optional.empty();
        }
        Need need = NEEDS.get(m.group(1).replace(" ", "").toUpperCase(Locale.ROOT));
        if (need == null) {
            return Optional.empty();
        }
        Integer household = m.group(3) == null ? null : Integer.valueOf(m.group(3));
        if (household != null && (household < 1 || household > 50)) {
            return Optional.empty();
        }
        String phone = null;
        if (m.group(4) != null) {
            phone = PhoneNumbers.normalise(m.group(4)).orElse(null);
            if (phone == null) {
                return Optional.empty();
            }
        }
        return Optional.of(new Request(need, m.group(2), household, phone));
    }

    /** The answer to a text that is not in the syntax: how to write one. */
    public static String help() {
        return "Tổng đài 1022: soạn 1022 <NHU CẦU> <MÃ PHƯỜNG/XÃ> [SỐ NGƯỜI], ví dụ 1022 LUONGTHUC 25741 4. Nhu cầu: "
                + String.join(", ", NEEDS.keySet()) + ". Cần gấp, xin gọi 1022.";
    }
}
