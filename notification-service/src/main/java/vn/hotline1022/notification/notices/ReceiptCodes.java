package vn.hotline1022.notification.notices;

import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import vn.hotline1022.commons.proof.RecipientCode;

/**
 * Keeps the household's receipt code (mã nhận hàng) out of everything but the message to the household. A notice is
 * stored, listed, streamed to the console and logged with a placeholder naming the delivery and round; the code is
 * derived and put in only when the message is handed to the SMS or Zalo gateway.
 */
public final class ReceiptCodes {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\[\\[receipt-code:([0-9a-f-]{36}):(\\d{1,4})]]");
    /** What staff see instead of the code. */
    public static final String MASK = "******";

    private ReceiptCodes() {
    }

    public static String placeholder(UUID deliveryId, int round) {
        return "[[receipt-code:" + deliveryId + ":" + round + "]]";
    }

    /** The text as the household receives it. */
    public static String reveal(String text, String secret) {
        if (text == null) {
            return null;
        }
        Matcher m = PLACEHOLDER.matcher(text);
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
        return text == null ? null : PLACEHOLDER.matcher(text).replaceAll(MASK);
    }
}
