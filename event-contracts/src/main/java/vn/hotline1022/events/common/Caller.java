package vn.hotline1022.events.common;

/**
 * The citizen who called.
 *
 * @param phone Vietnamese national form as intake normalises it: digits with a leading 0, e.g. {@code 0912345678}
 *              (mobile) or {@code 02743822123} (landline)
 */
public record Caller(String name, String phone) {

    /** Masked: events get logged, and a record's default toString would put personal data in the logs. */
    @Override
    public String toString() {
        return "Caller[name=" + maskName(name) + ", phone=" + maskPhone(phone) + "]";
    }

    private static String maskName(String name) {
        if (name == null || name.isBlank()) {
            return String.valueOf(name);
        }
        String trimmed = name.strip();
        return trimmed.substring(0, trimmed.offsetByCodePoints(0, 1)) + "***";
    }

    /** Keeps the country code and last three digits; the number of stars does not reveal the length. */
    private static String maskPhone(String phone) {
        if (phone == null) {
            return "null";
        }
        if (phone.length() < 7) {
            return "*****";
        }
        return phone.substring(0, 3) + "*****" + phone.substring(phone.length() - 3);
    }
}
