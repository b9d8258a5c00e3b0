package vn.hotline1022.text;

import java.util.Optional;
import java.util.regex.Pattern;

/** Citizen identity card numbers (căn cước công dân, CCCD): twelve digits, however they were grouped when typed. */
public final class CitizenIds {

    private static final Pattern SEPARATORS = Pattern.compile("[\\s.\\-]");
    private static final Pattern TWELVE_DIGITS = Pattern.compile("\\d{12}");

    private CitizenIds() {
    }

    /** "077 123 456 789" is {@code 077123456789}; empty when the text is not a citizen ID. */
    public static Optional<String> normalise(String raw) {
        if (raw == null || raw.length() > 32) {
            return Optional.empty();
        }
        String digits = SEPARATORS.matcher(raw).replaceAll("");
        return TWELVE_DIGITS.matcher(digits).matches() ? Optional.of(digits) : Optional.empty();
    }
}
