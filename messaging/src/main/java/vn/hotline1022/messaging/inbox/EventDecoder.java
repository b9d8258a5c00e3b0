package vn.hotline1022.messaging.inbox;

import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

import vn.hotline1022.events.EventJson;
import vn.hotline1022.events.EventType;
import vn.hotline1022.events.HotlineEvent;
import vn.hotline1022.messaging.cloudevents.CloudEventHeaders;

/**
 * Turns a record into the event a consumer handles, or refuses it as poison: headers that are not CloudEvents, an
 * unknown type, a type on the wrong topic or from the wrong source, data that is not the contract's JSON.
 */
final class EventDecoder {

    private static final Logger LOG = Logger.getLogger(EventDecoder.class);

    private EventDecoder() {
    }

    /** The event, or null for a valid event this consumer does not want. */
    static ReceivedEvent decode(ConsumerRecord<String, String> record, Set<EventType> wanted) {
        CloudEventHeaders.Attributes ce;
        try {
            ce = CloudEventHeaders.fromHeaders(record.headers());
        } catch (IllegalArgumentException e) {
            throw poison(record, e.getMessage(), e);
        }
        EventType type = EventType.fromCeType(ce.type())
                .orElseThrow(() -> poison(record, "unknown event type " + ce.type(), null));
        if (!wanted.contains(type)) {
            return null;
        }
        // Trust boundary: only the owning service publishes on its topic, under its own source. An event that claims
        // another owner (a forged or misrouted message) is never acted on.
        if (!type.source().equals(ce.source())) {
            throw poison(record, ce.type() + " must come from " + type.source() + ", not from " + ce.source(), null);
        }
        if (!type.topic().equals(record.topic())) {
            throw poison(record, ce.type() + " belongs on " + type.topic() + ", not on " + record.topic(), null);
        }
        if (record.value() == null) {
            throw poison(record, "no data for " + ce.type(), null);
        }
        HotlineEvent data;
        try {
            data = EventJson.fromJson(record.value(), type);
        } catch (RuntimeException e) {
            // The message text of a JSON error can quote the data (personal data): keep only its kind.
            throw poison(record, "data is not a valid " + type.ceType() + " (" + e.getClass().getSimpleName() + ")",
                    null);
        }
        return new ReceivedEvent(ce.id(), type, ce.source(), ce.time(), record.key(), data, record.topic(),
                record.partition(), record.offset());
    }

    private static PoisonMessageException poison(ConsumerRecord<?, ?> record, String reason, Throwable cause) {
        LOG.errorf("Poison message at %s/%d@%d, sending it to the dead-letter topic: %s", record.topic(),
                record.partition(), record.offset(), reason);
        return new PoisonMessageException(reason, cause);
    }
}
