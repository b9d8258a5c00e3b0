package vn.hotline1022.intake.open311;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import vn.hotline1022.intake.IntakeConfig;

/**
 * The partner apps whose API keys may post Open311 requests ({@code hotline.intake.open311.api-key-hashes}). Keys are
 * compared by their SHA-256 in constant time; an unknown or missing key is no partner, never a default one.
 */
@ApplicationScoped
public class PartnerApps {

    @Inject
    IntakeConfig config;

    /** The partner's name for {@code apiKey}, or empty. */
    public Optional<String> identify(String apiKey) {
        if (apiKey == null || apiKey.isBlank()) {
            return Optional.empty();
        }
        byte[] offered = sha256(apiKey.strip());
        for (Map.Entry<String, String> app : config.open311().apiKeyHashes().entrySet()) {
            byte[] known;
            try {
                known = HexFormat.of().parseHex(app.getValue().strip().toLowerCase());
            } catch (IllegalArgumentException e) {
                continue; // a malformed hash matches no key
            }
            if (MessageDigest.isEqual(offered, known)) {
                return Optional.of(app.getKey());
            }
        }
        return Optional.empty();
    }

    static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is in every Java runtime", e);
        }
    }
}
