package vn.hotline1022.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.module.paramnames.ParameterNamesModule;

/**
 * The one JSON mapping of events. Every service reads and writes with this configuration, so the wire format cannot
 * drift between producer and consumer.
 */
public final class EventJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .addModule(new ParameterNamesModule())
            // ISO-8601 strings: readable in Kafka tooling and unambiguous across languages.
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            // Tolerant reader: a producer may add a field before every consumer is upgraded.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.USE_DEFAULTS))
            .build();

    private EventJson() {
    }

    /** Shared and thread-safe. Do not reconfigure it; use {@code mapper().copy()} for a variant. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static String toJson(HotlineEvent event) {
        try {
            return MAPPER.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new EventJsonException("Cannot serialise " + event.getClass().getSimpleName(), e);
        }
    }

    public static <T extends HotlineEvent> T fromJson(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new EventJsonException("Cannot read " + type.getSimpleName(), e);
        }
    }

    public static HotlineEvent fromJson(String json, EventType type) {
        return fromJson(json, type.recordClass());
    }
}
