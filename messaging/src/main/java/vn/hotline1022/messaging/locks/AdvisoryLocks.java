package vn.hotline1022.messaging.locks;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.Comparator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import vn.hotline1022.messaging.sql.Jdbc;

/**
 * The one home of PostgreSQL advisory locks: transaction-scoped ({@code pg_advisory_xact_lock}, released at commit or
 * rollback), so they serialise work across threads and instances without a row to lock. Keys are hashed here, in
 * Java, to 32 bits, so that several keys can be taken in one fixed order ({@link #lockAll}) and two transactions never
 * wait on each other in a circle.
 */
@ApplicationScoped
public class AdvisoryLocks {

    private static final String LOCK = "select count(*) from (select pg_advisory_xact_lock(?, ?)) locked";

    @Inject
    Jdbc jdbc;

    /** Waits until this transaction holds the lock of {@code key} in {@code space}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void lock(LockSpace space, String key) {
        jdbc.number(LOCK, space.id(), key(key));
    }

    /** Several keys of one space, always in the same order whoever takes them. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void lockAll(LockSpace space, Collection<String> keys) {
        keys.stream().map(AdvisoryLocks::key).distinct().sorted(Comparator.naturalOrder())
                .forEach(k -> jdbc.number(LOCK, space.id(), k));
    }

    /**
     * A condition for a query that takes, without waiting, the lock of each row's integer {@code keyExpression} in
     * {@code space}: true for the rows whose lock this transaction now holds (the outbox relay's buckets).
     */
    public static String tryLockCondition(LockSpace space, String keyExpression) {
        return "pg_try_advisory_xact_lock(" + space.id() + ", " + keyExpression + ")";
    }

    /** The 32-bit lock key of a string: the first four bytes of its SHA-256, evenly spread. */
    public static int key(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest).getInt();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
