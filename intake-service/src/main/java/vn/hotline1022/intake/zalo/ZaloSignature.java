package vn.hotline1022.intake.zalo;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The MAC a Zalo Official Account's webhook puts in {@code X-ZEvent-Signature}: {@code mac=} and the hex SHA-256 of the
 * app id, the raw request body, the event's timestamp and the OA secret key, concatenated. Only a holder of the secret
 * key can produce it for this body.
 */
public final class ZaloSignature {

    private static final String PREFIX = "mac=";

    private ZaloSignature() {
    }

    public static String of(String appId, String body, String timestamp, String secretKey) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((appId + body + timestamp + secretKey).getBytes(StandardCharsets.UTF_8));
            return PREFIX + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Compared in constant time; the {@code mac=} prefix and the hex case as Zalo may send them. */
    public static boolean matches(String appId, String body, String timestamp, String secretKey, String header) {
        if (header == null) {
            return false;
        }
        String given = header.strip().toLowerCase(Locale.ROOT);
        if (!given.startsWith(PREFIX)) {
            given = PREFIX + given;
        }
        return MessageDigest.isEqual(of(appId, body, timestamp, secretKey).getBytes(StandardCharsets.UTF_8),
                given.getBytes(StandardCharsets.UTF_8));
    }
}
