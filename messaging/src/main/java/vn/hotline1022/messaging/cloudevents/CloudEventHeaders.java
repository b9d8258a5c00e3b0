package vn.hotline1022.messaging.cloudevents;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * CloudEvents 1.0 in Kafka <em>binary</em> mode: attributes travel as {@code ce_*} headers and the record value is
 * the event data (JSON). Binary mode keeps the value a plain event record for consumers that ignore CloudEvents.
 */
public final class CloudEventHeaders {

    public static final String SPEC_VERSION = "ce_specversion";
    public static final String ID = "ce_id";
    public static final String TYPE = "ce_type";
    public static final String SOURCE = "ce_source";
    public static final String TIME = "ce_time";
    public static final String SUBJECT = "ce_subject";
    public static final String CONTENT_TYPE = "content-type";
    /** The distributed-tracing extension: the W3C trace context in which the event was created. */
    public static final String TRACEPARENT = "ce_traceparent";
    public static final String TRACESTATE = "ce_tracestate";
    public static final String SPEC_VERSION_1_0 = "1.0";
    public static final String JSON = "application/json";

    private CloudEventHeaders() {
    }

    /** The attributes of one event. {@code subject} is the record key: the case id, or the ward for zone events. */
    public record Attributes(UUID id, String type, String source, Instant time, String subject) {
    }

    public static Headers toHeaders(Attributes a) {
        Headers h = new RecordHeaders();
        put(h, SPEC_VERSION, SPEC_VERSION_1_0);
        put(h, ID, a.id().toString());
        put(h, TYPE, a.type());
        put(h, SOURCE, a.source());
        put(h, TIME, a.time().toString());
        if (a.subject() != null) {
            put(h, SUBJECT, a.subject());
        }
        put(h, CONTENT_TYPE, JSON);
        return h;
    }

    /**
     * Reads the required attributes back.
     *
     * @throws IllegalArgumentException naming the missing or malformed attribute
     */
    public static Attributes fromHeaders(Headers h) {
        String version = get(h, SPEC_VERSION);
        if (!SPEC_VERSION_1_0.equals(version)) {
            throw new IllegalArgumentException("unsupported or missing " + SPEC_VERSION + ": " + version);
        }
        String id = require(h, ID);
        String time = get(h, TIME);
        try {
            return new Attributes(UUID.fromString(id), require(h, TYPE), require(h, SOURCE),
                    time == null ? null : Instant.parse(time), get(h, SUBJECT));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("malformed " + TIME + ": " + time);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("malformed " + ID + ": " + id);
        }
    }

    public static String get(Headers h, String name) {
        Header header = h.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String require(Headers h, String name) {
        String v = get(h, name);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("missing " + name);
        }
        return v;
    }

    private static void put(Headers h, String name, String value) {
        h.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
