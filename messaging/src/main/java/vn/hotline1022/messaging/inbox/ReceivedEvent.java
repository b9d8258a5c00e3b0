package vn.hotline1022.messaging.inbox;

import java.time.Instant;
import java.util.UUID;

import vn.hotline1022.events.EventType;
import vn.hotline1022.events.HotlineEvent;

/** An event as a consumer sees it: the contract record plus its CloudEvents attributes and Kafka position. */
public record ReceivedEvent(UUID id, EventType type, String source, Instant time, String key, HotlineEvent data,
        String topic, int partition, long offset) {

    public <T extends HotlineEvent> T data(Class<T> expected) {
        return expected.cast(data);
    }

    @Override
    public String toString() {
        // Never the data: it may hold a citizen's name or phone number.
        return "ReceivedEvent[" + type.ceType() + " id=" + id + " key=" + key + " at " + topic + "/" + partition + "@"
                + offset + "]";
    }
}
