package vn.hotline1022.ops.trace;

import java.time.Instant;

/**
 * One event of a case as it stands on its topic.
 *
 * @param sinceCallReceivedMs time from the case's CallReceived to this event; null when the call is not in the trace
 */
public record TracedEvent(String topic, int partition, long offset, String ceId, String ceType, String eventName,
        String source, Instant time, Long sinceCallReceivedMs) {
}
