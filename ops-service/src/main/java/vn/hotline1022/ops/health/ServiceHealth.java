package vn.hotline1022.ops.health;

import java.time.Instant;

/**
 * A service as its own health endpoint reports it.
 *
 * @param status               {@code UP}, {@code DOWN} or {@code UNREACHABLE}
 * @param outboxPending        rows its relay has not published yet; null when unknown
 * @param outboxOldestSeconds  age of the oldest of them; null when unknown
 */
public record ServiceHealth(String service, String status, Long outboxPending, Long outboxOldestSeconds,
        Instant checkedAt) {
}
