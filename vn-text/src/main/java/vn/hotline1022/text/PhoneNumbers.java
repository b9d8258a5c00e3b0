package vn.hotline1022.text;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Vietnamese phone numbers in one canonical form, the national one with its leading 0 and digits only: "0912 345 678",
 * "+84912345678", "84912345678", "0084 912 345 678" and "0912.345.678" are all {@code 0912345678}; a landline
 * "0274 3822 123" (area code 274, Bình Dương) is {@code 02743822123}. Repeat callers are found by this form.
 */
public final class PhoneNumbers {

    /** What people type between digit groups. */
    private static final Pattern SEPARATORS = Pattern.compile("[\\s.\\-()]");
    /** Mobile: 0 + 9 digits; landline: 0 + 2xx area code + 7 or 8 digits. */
    private static final Pattern NATIONAL = Pattern.compile("0[1-9]\\d{8,9}");

    /** A number as written inside a message: digits in groups, not part of a longer run of digits. */
    private static final Pattern WRITTEN = Pattern.compile("(?<![\\d+])(?:\\+84|0084|84|0)(?:[\\s.\\-]?\\d){8,10}(?!\\d)");

    private PhoneNumbers() {
    }

    /**
     * The first Vietnamese phone number written in a message ("gọi lại 0912 345 678 nhé" → {@code 0912345678}), in
     * the canonical form; empty when it holds none.
     */
    public static Optional<String> findIn(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = WRITTEN.matcher(text);
        while (m.find()) {
            Optional<String> found = normalise(m.group());
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** Empty when {@code raw} is not a Vietnamese phone number. */
    public static Optional<String> normalise(String raw) {
        if (raw == null || raw.length() > 32) {
            return Optional.empty();
        }
        String s = SEPARATORS.matcher(raw.strip()).replaceAll("");
        if (s.startsWith("+84")) {
            s = "0" + s.substring(3);
        } else if (s.startsWith("0084")) {
            s = "0" + s.substring(4);
        } else if (s.startsWith("84") && s.length() >= 11) {
            s = "0" + s.substring(2); // international form without the plus; national numbers start with 0
        }
        return NATIONAL.matcher(s).matches() ? Optional.of(s) : Optional.empty();
    }

    /**
     * E.164, as SMS gateways take it: {@code 0912345678} (and every other spelling) is {@code +84912345678}; empty
     * when {@code raw} is not a Vietnamese number.
     */
    public static Optional<String> e164(String raw) {
        return normalise(raw).map(n -> "+84" + n.substring(1));
    }

    public static boolean isValid(String raw) {
        return normalise(raw).isPresent();
    }
}
