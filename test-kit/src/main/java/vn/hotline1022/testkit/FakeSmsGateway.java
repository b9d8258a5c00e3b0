package vn.hotline1022.testkit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An SMS gateway as tests need one: the form fields Twilio posts for an inbound text (MessageSid, SmsSid, AccountSid,
 * From, To, Body, NumMedia) and the X-Twilio-Signature it puts on them — Base64 of HMAC-SHA1, keyed with the auth
 * token, of the URL it posts to followed by each field's name and value sorted by name — written here apart from the
 * service's own check, so that a test signs as the provider does, not as the code under test verifies.
 */
public final class FakeSmsGateway {

    private final String authToken;
    private final String url;

    /** A gateway posting to {@code url} for the account whose auth token is {@code authToken}. */
    public FakeSmsGateway(String authToken, String url) {
        this.authToken = authToken;
        this.url = url;
    }

    /** A new text's fields, with a fresh message id. */
    public static Map<String, String> text(String from, String body) {
        return text("SM" + UUID.randomUUID().toString().replace("-", ""), from, body);
    }

    /** A text's fields with the message id {@code messageId} (the same id again: a second delivery). */
    public static Map<String, String> text(String messageId, String from, String body) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("MessageSid", messageId);
        form.put("SmsSid", messageId);
        form.put("AccountSid", "AC" + "0".repeat(32));
        form.put("From", from);
        form.put("To", "+841022");
        form.put("Body", body);
        form.put("NumMedia", "0");
        return form;
    }

    /** The X-Twilio-Signature of {@code form} posted to this gateway's URL. */
    public String signature(Map<String, String> form) {
        StringBuilder data = new StringBuilder(url);
        for (Map.Entry<String, String> field : new TreeMap<>(form).entrySet()) {
            data.append(field.getKey()).append(field.getValue());
        }
        try {
            Mac hmac = Mac.getInstance("HmacSHA1");
            hmac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(hmac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
