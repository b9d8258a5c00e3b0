package vn.hotline1022.intake.sms;

/** The answer a Twilio-format gateway texts back to the sender: {@code <Response><Message>…</Message></Response>}. */
final class TwiML {

    private TwiML() {
    }

    static String message(String text) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Message>" + escape(text)
                + "</Message></Response>";
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> {
                    if (c >= 0x20 || c == '\n' || c == '\t') {
                        out.append(c); // XML 1.0 allows no other control characters
                    }
                }
            }
        }
        return out.toString();
    }
}
