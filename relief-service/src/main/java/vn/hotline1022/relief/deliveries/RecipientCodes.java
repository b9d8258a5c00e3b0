package vn.hotline1022.relief.deliveries;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import vn.hotline1022.relief.ReliefConfig;

/**
 * The recipient confirmation code (mã xác nhận nhận hàng): 6 digits the household shows the volunteer at the door, as
 * proof that the package reached it. Only its hash is stored, bound to the delivery so one code proves one delivery.
 */
@ApplicationScoped
public class RecipientCodes {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    ReliefConfig config;

    public String newCode() {
        return String.format("%06d", RANDOM.nextInt(1_000_000));
    }

    public String hash(UUID deliveryId, String code) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(config.phoneSalt().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(("recipient-code:" + deliveryId + ":" + code).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Constant time, so that response times do not tell how close a guess was. */
    public boolean matches(Delivery d, String code) {
        if (d.recipientCodeHash == null || code == null) {
            return false;
        }
        return MessageDigest.isEqual(d.recipientCodeHash.getBytes(StandardCharsets.US_ASCII),
                hash(d.id, code.strip()).getBytes(StandardCharsets.US_ASCII));
    }
}
