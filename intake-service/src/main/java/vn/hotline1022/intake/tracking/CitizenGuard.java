package vn.hotline1022.intake.tracking;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import vn.hotline1022.commons.proof.PhoneHashes;
import vn.hotline1022.commons.web.ProblemException;
import vn.hotline1022.intake.IntakeConfig;
import vn.hotline1022.messaging.sql.SqlValues;

/**
 * Stops anyone from probing or hammering the citizens' public endpoints: requests are counted per case code and per
 * phone (a budget per window), failed look-ups per code + phone pair, per code and per phone, and a key with too many
 * failures is locked for a while. Counts live in the database (every instance sees them) and are written in their own
 * transaction, so a refused request is counted too. Phones are kept only as keyed hashes here (PhoneHashes).
 */
@ApplicationScoped
public class CitizenGuard {

    private static final Logger LOG = Logger.getLogger(CitizenGuard.class);
    private static final String COUNT = """
            insert into citizen_attempt as a (attempt_key, window_start, requests) values (?1, ?2, 1)
            on conflict (attempt_key) do update set
              window_start = case when a.window_start < ?3 then ?2 else a.window_start end,
              requests = case when a.window_start < ?3 then 1 else a.requests + 1 end,
              failures = case when a.window_start < ?3 and (a.locked_until is null or a.locked_until < ?2) then 0
                              else a.failures end
            returning requests, locked_until
            """;
    private static final String FAIL = """
            update citizen_attempt set failures = failures + 1,
              locked_until = case when failures + 1 >= ?2 then ?3 else locked_until end
            where attempt_key = ?1
            """;

    @Inject
    EntityManager em;

    @Inject
    IntakeConfig config;

    @Inject
    PhoneHashes hashes;

    /** @throws ProblemException 429 when the code, the phone or the pair is locked or over its budget */
    public void admit(String code, String canonicalPhone) {
        Instant now = Instant.now();
        Instant windowStart = now.minus(config.citizens().window());
        Long retryAfter = QuarkusTransaction.requiringNew().call(() -> {
            long wait = 0;
            for (String key : List.of(codeKey(code), phoneKey(canonicalPhone), pairKey(code, canonicalPhone))) {
                Object[] row = (Object[]) em.createNativeQuery(COUNT).setParameter(1, key).setParameter(2, now)
                        .setParameter(3, windowStart).getSingleResult();
                int requests = ((Number) row[0]).intValue();
                Instant lockedUntil = SqlValues.instant(row[1]);
                if (lockedUntil != null && lockedUntil.isAfter(now)) {
                    wait = Math.max(wait, Duration.between(now, lockedUntil).toSeconds() + 1);
                } else if (!key.startsWith("pair:") && requests > config.citizens().requestsPerWindow()) {
                    wait = Math.max(wait, config.citizens().window().toSeconds());
                }
            }
            return wait;
        });
        if (retryAfter > 0) {
            throw new ProblemException(429, "Too many requests",
                    "Too many attempts for this case or phone; try again in " + retryAfter + " s", List.of());
        }
    }

    /**
     * Counts one request against {@code key} (e.g. {@link #phoneKey(String, String)}), in its own transaction.
     *
     * @throws ProblemException 429 when the key was counted more than {@code limit} times in the last {@code window}
     */
    public void admitWithin(String key, int limit, Duration window) {
        Instant now = Instant.now();
        int requests = QuarkusTransaction.requiringNew().call(() -> ((Number) ((Object[]) em.createNativeQuery(COUNT)
                .setParameter(1, key).setParameter(2, now).setParameter(3, now.minus(window)).getSingleResult())[0])
                .intValue());
        if (requests > limit) {
            throw new ProblemException(429, "Too many requests",
                    "Too many requests from this client or phone; try again in " + window.toMinutes() + " min",
                    List.of());
        }
    }

    /** The key counting a phone's requests of one kind; the phone itself is kept only as a keyed hash. */
    public String phoneKey(String purpose, String canonicalPhone) {
        return purpose + ":phone:" + hashes.current("attempt", canonicalPhone);
    }

    /** A look-up that found nothing: counted against the pair, the code and the phone; may lock them. */
    public void failed(String code, String canonicalPhone) {
        Instant lockedUntil = Instant.now().plus(config.citizens().lockout());
        QuarkusTransaction.requiringNew().run(() -> {
            fail(pairKey(code, canonicalPhone), config.citizens().pairFailures(), lockedUntil);
            fail(codeKey(code), config.citizens().keyFailures(), lockedUntil);
            fail(phoneKey(canonicalPhone), config.citizens().keyFailures(), lockedUntil);
        });
        LOG.debugf("Failed citizen look-up of case %s", code);
    }

    private void fail(String key, int limit, Instant lockedUntil) {
        em.createNativeQuery(FAIL).setParameter(1, key).setParameter(2, limit).setParameter(3, lockedUntil)
                .executeUpdate();
    }

    private static String codeKey(String code) {
        return "code:" + code;
    }

    private String phoneKey(String phone) {
        return "phone:" + hashes.current("attempt", phone);
    }

    private String pairKey(String code, String phone) {
        return "pair:" + code + ":" + hashes.current("attempt", phone);
    }
}
