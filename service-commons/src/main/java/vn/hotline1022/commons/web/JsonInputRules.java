package vn.hotline1022.commons.web;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAccessor;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * Rules every JSON body obeys before a resource sees it, so that no value a client can send reaches the database and
 * fails there: strings hold no NUL or control characters ({@link TextRules}), and dates lie between the years
 * {@value #EARLIEST_YEAR} and {@value #LATEST_YEAR} (PostgreSQL's timestamps end in the year 294276; Java's reach a
 * billion). A refused value is a 400 naming the field.
 */
@Singleton
public class JsonInputRules implements ObjectMapperCustomizer {

    static final int EARLIEST_YEAR = 1900;
    static final int LATEST_YEAR = 2200;

    @Override
    public void customize(ObjectMapper mapper) {
        SimpleModule module = new SimpleModule("hotline-input-rules");
        module.addDeserializer(String.class, new StoredText());
        module.setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription description,
                    JsonDeserializer<?> deserializer) {
                Class<?> type = description.getBeanClass();
                boolean temporal = type == Instant.class || type == LocalDate.class || type == LocalDateTime.class
                        || type == OffsetDateTime.class || type == ZonedDateTime.class;
                return temporal ? new DateInRange(deserializer) : deserializer;
            }
        });
        mapper.registerModule(module);
    }

    /** The standard string reading, then {@link TextRules}. */
    static final class StoredText extends JsonDeserializer<String> {
        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String value = StringDeserializer.instance.deserialize(p, ctxt);
            String problem = TextRules.problem(value);
            if (problem != null) {
                throw new RejectedValueException(p, problem);
            }
            return value;
        }
    }

    /** Wraps the standard java.time reading with a range check on the year. */
    static final class DateInRange extends DelegatingDeserializer {
        DateInRange(JsonDeserializer<?> standard) {
            super(standard);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> newDelegatee) {
            return new DateInRange(newDelegatee);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            Object value = super.deserialize(p, ctxt);
            int year = year(value);
            if (year < EARLIEST_YEAR || year > LATEST_YEAR) {
                throw new RejectedValueException(p,
                        "must be a date between the years " + EARLIEST_YEAR + " and " + LATEST_YEAR);
            }
            return value;
        }

        private static int year(Object value) {
            if (value instanceof Instant i) {
                // Instant has no year field; its range is wider than OffsetDateTime's, so compare seconds.
                long seconds = i.getEpochSecond();
                if (seconds < LocalDate.of(EARLIEST_YEAR, 1, 1).toEpochSecond(java.time.LocalTime.MIN, ZoneOffset.UTC)) {
                    return EARLIEST_YEAR - 1;
                }
                if (seconds >= LocalDate.of(LATEST_YEAR + 1, 1, 1).toEpochSecond(java.time.LocalTime.MIN,
                        ZoneOffset.UTC)) {
                    return LATEST_YEAR + 1;
                }
                return EARLIEST_YEAR;
            }
            return value instanceof TemporalAccessor t ? t.get(java.time.temporal.ChronoField.YEAR) : EARLIEST_YEAR;
        }
    }
}
