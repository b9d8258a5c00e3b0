package vn.hotline1022.commons.proof;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How a phone number is kept where the number itself must not be: a keyed hash (HMAC-SHA-256), so a leaked table
 * cannot be reversed by hashing every 10-digit number, as an unkeyed SHA-256 can in minutes. Keys rotate: the first
 * key hashes what is written, and every key still listed is tried when looking up, so rows written under the previous
 * key keep matching until they age out; then the old key is dropped from the list. A purpose ("callback", "attempt")
 * keeps the hashes of one use unrelated to those of another.
 */
public final class PhoneHashes {

    private final List<byte[]> keys;

    /** @param keys newest first; at least one */
    public PhoneHashes(List<String> keys) {
        if (keys.isEmpty() || keys.stream().anyMatch(k -> k == null || k.isBlank())) {
            throw new IllegalArgumentException("at least one phone hash key, none blank");
        }
        this.keys = keys.stream().map(k -> k.strip().getBytes(StandardCharsets.UTF_8)).toList();
    }

    /** The hash to write: under the newest key. */
    public String current(String purpose, String canonicalPhone) {
        return hash(keys.get(0), purpose, canonicalPhone);
    }

    /** Every hash the phone may have been written under, newest first: for look-ups. */
    public List<String> all(String purpose, String canonicalPhone) {
        return keys.stream().map(k -> hash(k, purpose, canonicalPhone)).toList();
    }

    /** Whether {@code stored} is this phone's hash under any key still listed. */
    public boolean matches(String stored, String purpose, String canonicalPhone) {
        return stored != null && all(purpose, canonicalPhone).contains(stored);
    }

    private static String hash(byte[] key, String purpose, String canonicalPhone) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((purpose + ":" + canonicalPhone)
                    .getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is in every Java runtime", e);
        }
    }
}
