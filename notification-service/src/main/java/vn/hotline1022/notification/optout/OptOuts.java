package vn.hotline1022.notification.optout;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jboss.logging.Logger;

import vn.hotline1022.text.PhoneNumbers;
import vn.hotline1022.notification.NotificationConfig;
import vn.hotline1022.notification.contacts.CitizenContact;

/**
 * Citizens who asked for no more notices (từ chối nhận tin), kept as a keyed hash of the phone number in its one
 * canonical form ({@link PhoneNumbers}): whatever spelling the citizen types and whatever form an event carries, the
 * same number gives the same hash, and a leaked table cannot be reversed by hashing every Vietnamese number without the
 * secret salt ({@code hotline.notification.opt-out-salt}).
 */
@ApplicationScoped
public class OptOuts {

    private static final Logger LOG = Logger.getLogger(OptOuts.class);

    @Inject
    EntityManager em;

    @Inject
    NotificationConfig config;

    /**
     * Records the opt-out when {@code phone} is the number that called about {@code caseCode}; does nothing otherwise,
     * so that the caller cannot tell which numbers called 1022.
     */
    @Transactional
    public void optOut(String caseCode, String phone) {
        String canonical = PhoneNumbers.normalise(phone).orElse(null);
        if (canonical == null) {
            return;
        }
        List<CitizenContact> contacts = CitizenContact.list("caseCode", caseCode);
        boolean theirs = contacts.stream()
                .anyMatch(c -> c.phone != null && canonical.equals(PhoneNumbers.normalise(c.phone).orElse(null)));
        if (theirs) {
            em.createNativeQuery("insert into citizen_opt_out (phone_hash) values (?1) on conflict do nothing")
                    .setParameter(1, hash(canonical)).executeUpdate();
            LOG.infof("Case %s: the citizen opted out of notices", caseCode);
        }
    }

    public boolean isOptedOut(String phone) {
        String canonical = PhoneNumbers.normalise(phone).orElse(phone == null ? "" : phone.strip());
        return !em.createNativeQuery("select 1 from citizen_opt_out where phone_hash in (?1, ?2)")
                .setParameter(1, hash(canonical)).setParameter(2, legacyHash(canonical)).getResultList().isEmpty();
    }

    String hash(String canonicalPhone) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(config.optOutSalt().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(("opt-out:" + canonicalPhone).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is in every Java runtime", e);
        }
    }

    /** Opt-outs recorded before the salt: an unkeyed SHA-256 of the +84 form. Still honoured. */
    private static String legacyHash(String canonicalPhone) {
        String e164 = canonicalPhone.startsWith("0") ? "+84" + canonicalPhone.substring(1) : canonicalPhone;
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(e164.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
