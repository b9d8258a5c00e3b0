package vn.hotline1022.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;

/**
 * Implemented by every event record, so transport code can key and time-stamp any event without knowing its type.
 */
public interface HotlineEvent {

    /**
     * The Kafka record key. It decides the partition, and so which events are seen in order: all events of one case
     * share a key. Derived from the payload, hence not serialised.
     */
    @JsonIgnore
    String key();

    /** When it happened at the source, not when it was published or consumed. */
    Instant occurredAt();
}
