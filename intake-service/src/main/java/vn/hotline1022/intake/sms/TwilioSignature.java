package vn.hotline1022.intake.sms;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature an SMS gateway speaking Twilio's webhook format puts in {@code X-Twilio-Signature}: Base64 of the
 * HMAC-SHA1, keyed with the account's auth token, of the full URL the gateway posted to followed by every form
 * parameter's name and value, sorted by name. Only a holder of the auth token can produce it for this URL and body.
 */
public final class TwilioSignature {

    private TwilioSignature() {
    }

    public static String of(String authToken, String url, Map<String, String> form) {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(form).forEach((name, value) -> data.append(name).append(value));
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has HmacSHA1", e);
        }
    }

    /** Compared in constant time, so the answer's timing tells nothing about the right signature. */
    public static boolean matches(String authToken, String url, Map<String, String> form, String signature) {
        return signature != null && MessageDigest.isEqual(of(authToken, url, form).getBytes(StandardCharsets.UTF_8),
                signature.getBytes(StandardCharsets.UTF_8));
    }
}
