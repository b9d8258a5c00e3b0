package vn.hotline1022.commons.web;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How many guesses one phone and one client get at a door that takes a case code with a phone (tracking, confirmation,
 * opt-out, a web request that texts a code). Every attempt counts, whatever its answer, so the budget itself tells
 * nothing about which guess was right. The first attempts are free; after them each must wait twice as long as the
 * one before (slow down), and past the maximum the key is refused until its window ends. Refused attempts do not
 * count. Kept in memory per instance, bounded; phones only as keyed hashes with a key that lives and dies with the
 * process.
 */
public final class GuessBudget {

    /** The allowance of one kind of key (a phone, a client address). */
    public record Allowance(int free, int max, Duration window) {
    }

    private record Entry(long windowStart, int attempts, long lastAt) {
    }

    private static final int MAX_TRACKED = 200_000;
    private static final long MAX_WAIT_MILLIS = Duration.ofMinutes(5).toMillis();

    private final Allowance perPhone;
    private final Allowance perClient;
    private final Clock clock;
    private final byte[] key = new byte[32];
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    public GuessBudget(Allowance perPhone, Allowance perClient, Clock clock) {
        this.perPhone = perPhone;
        this.perClient = perClient;
        this.clock = clock;
        new SecureRandom().nextBytes(key);
    }

    /**
     * Counts one attempt at {@code door} by this phone from this client, or refuses it.
     *
     * @param client the client's bucket ({@link ClientAddress#bucket(String)})
     * @return empty when admitted (and counted); else the seconds to wait
     */
    public synchronized OptionalLong spend(String door, String canonicalPhone, String client) {
        long now = clock.millis();
        String phoneKey = door + ":phone:" + hash(canonicalPhone);
        String clientKey = door + ":client:" + client;
        long wait = Math.max(wait(phoneKey, perPhone, now), wait(clientKey, perClient, now));
        if (wait > 0) {
            return OptionalLong.of(Math.max(1, (wait + 999) / 1000));
        }
        if (entries.size() > MAX_TRACKED) {
            long longest = Math.max(perPhone.window().toMillis(), perClient.window().toMillis());
            entries.entrySet().removeIf(e -> now - e.getValue().windowStart() >= longest);
        }
        for (var k : List.of(Map.entry(phoneKey, perPhone), Map.entry(clientKey, perClient))) {
            long window = k.getValue().window().toMillis();
            entries.compute(k.getKey(), (name, old) -> old == null || now - old.windowStart() >= window
                    ? new Entry(now, 1, now)
                    : new Entry(old.windowStart(), old.attempts() + 1, now));
        }
        return OptionalLong.empty();
    }

    /** Milliseconds this key must still wait; 0 when it may try now. */
    private long wait(String key, Allowance allowance, long now) {
        Entry e = entries.get(key);
        if (e == null || now - e.windowStart() >= allowance.window().toMillis()) {
            return 0;
        }
        if (e.attempts() >= allowance.max()) {
            return e.windowStart() + allowance.window().toMillis() - now;
        }
        if (e.attempts() < allowance.free()) {
            return 0;
        }
        long backoff = Math.min(MAX_WAIT_MILLIS, 1000L << Math.min(20, e.attempts() - allowance.free()));
        return Math.max(0, e.lastAt() + backoff - now);
    }

    private String hash(String phone) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(phone.getBytes(StandardCharsets.UTF_8)), 0, 16);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
