package vn.hotline1022.notification.notices;

import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import vn.hotline1022.commons.proof.RecipientCode;

/**
 * Keeps the household's receipt code (mã nhận hàng), and the code confirming a web request's phone, out of everything
 * but the message itself. A notice is
 * stored, listed, streamed to the console and logged with a placeholder naming the delivery and round; the code is
 * derived and put in only when the message is handed to the SMS or Zalo gateway.
 */
public final class ReceiptCodes {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\[\\[receipt-code:([0-9a-f-]{36}):(\\d{1,4})]]");
    private static final Pattern PHONE_PLACEHOLDER = Pattern.compile("\\[\\[phone-code:([0-9a-f-]{36})]]");
    /** What staff see instead of the code. */
    public static final String MASK = "******";

    private ReceiptCodes() {
    }

    public static String placeholder(UUID deliveryId, int round) {
        return "[[receipt-code:" + deliveryId + ":" + round + "]]";
    }

    /** Where the code confirming a web request's phone goes (PhoneConfirmationRequested). */
    public static String phoneCodePlaceholder(UUID requestId) {
        return "[[phone-code:" + requestId + "]]";
    }

    /** The text as the household (or the web request's phone) receives it. */
    public static String reveal(String text, String secret) {
        if (text == null) {
            return null;
        }
        Matcher p = PHONE_PLACEHOLDER.matcher(text);
        StringBuilder phoneCodes = new StringBuilder();
        while (p.find()) {
            p.appendReplacement(phoneCodes, RecipientCode.phoneConfirmation(secret, UUID.fromString(p.group(1))));
        }
        p.appendTail(phoneCodes);
        Matcher m = PLACEHOLDER.matcher(phoneCodes.toString());
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String code = RecipientCode.derive(secret, UUID.fromString(m.group(1)), Integer.parseInt(m.group(2)));
            m.appendReplacement(out, code);
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The text as staff, logs and the live feed may show it. */
    public static String mask(String text) {
        return text == null ? null
                : PHONE_PLACEHOLDER.matcher(PLACEHOLDER.matcher(text).replaceAll(MASK)).replaceAll(MASK);
    }
}
