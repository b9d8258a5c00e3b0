package vn.hotline1022.commons.web;

/** What free text from a client may hold: anything PostgreSQL can store, so no NUL and no other C0 control. */
public final class TextRules {

    private TextRules() {
    }

    /**
     * The text without what {@link #problem} refuses, for text that must be kept even so (a citizen's message relayed
     * by a gateway, which cannot be sent back to be corrected).
     */
    public static String clean(String text) {
        if (text == null || problem(text) == null) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        text.chars().filter(c -> c >= 0x20 || c == '\t' || c == '\n' || c == '\r').forEach(c -> out.append((char) c));
        return out.toString();
    }

    /** Null when {@code text} is acceptable, else what is wrong with it (a field error message). */
    public static String problem(String text) {
        if (text == null) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u0000') {
                return "must not contain a NUL character";
            }
            // Tab, line feed and carriage return are normal in notes; other C0 controls only come from tampering.
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                return "must not contain control characters";
            }
        }
        return null;
    }
}
