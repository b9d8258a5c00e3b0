package vn.hotline1022.messaging.cloudevents;

import java.util.UUID;

import org.apache.kafka.clients.producer.ProducerRecord;

import vn.hotline1022.events.EventJson;
import vn.hotline1022.events.EventType;
import vn.hotline1022.events.HotlineEvent;

/**
 * Builds the Kafka record the relay would send for an event, outside any outbox: for tests that play another
 * service, and for tools that replay events (e.g. from a dead-letter topic).
 */
public final class CloudEventRecords {
    private CloudEventRecords() {
    }

    public static ProducerRecord<String, String> of(UUID id, HotlineEvent event) {
        EventType type = EventType.of(event.getClass());
        var attributes = new CloudEventHeaders.Attributes(id, type.ceType(), type.source(), event.occurredAt(),
                event.key());
        return new ProducerRecord<>(type.topic(), null, event.key(), EventJson.toJson(event),
                CloudEventHeaders.toHeaders(attributes));
    }

    public static ProducerRecord<String, String> of(HotlineEvent event) {
        return of(UUID.randomUUID(), event);
    }
}
