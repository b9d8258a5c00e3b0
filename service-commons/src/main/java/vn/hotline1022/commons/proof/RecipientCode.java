package vn.hotline1022.commons.proof;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The 6-digit code a household shows the volunteer to prove a relief package reached it (mã xác nhận nhận hàng).
 * relief-service and notification-service derive it from the delivery id with a secret they share
 * ({@code hotline.recipient-code-secret}), so the citizen can be texted the code without it ever travelling on a
 * topic that every service reads. It is never stored, logged or shown to staff: relief derives it again to check
 * the code the household shows, and notification puts it into the text only at the moment of sending.
 */
public final class RecipientCode {

    private RecipientCode() {
    }

    /** The code of the first text (ReliefScheduled), round 0. */
    public static String derive(String secret, UUID deliveryId) {
        return derive(secret, deliveryId, 0);
    }

    /** The code of a re-send (RecipientCodeReissued): each round's code replaces the previous one. */
    public static String derive(String secret, UUID deliveryId, int round) {
        return sixDigits(secret, "relief-delivery:" + deliveryId + (round == 0 ? "" : ":" + round));
    }

    /**
     * The code that confirms the phone of a request made without signing in (PhoneConfirmationRequested): intake
     * checks it, notification texts it, with the same secret; its own prefix keeps it unrelated to any receipt code.
     */
    public static String phoneConfirmation(String secret, UUID requestId) {
        return sixDigits(secret, "phone-confirmation:" + requestId);
    }

    private static String sixDigits(String secret, String input) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] h = mac.doFinal(input.getBytes(StandardCharsets.UTF_8));
            long n = ((h[0] & 0xFFL) << 24 | (h[1] & 0xFFL) << 16 | (h[2] & 0xFFL) << 8 | (h[3] & 0xFFL));
            return String.format("%06d", n % 1_000_000);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is in every Java runtime", e);
        }
    }
}
