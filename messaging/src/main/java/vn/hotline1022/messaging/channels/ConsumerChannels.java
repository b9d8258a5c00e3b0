package vn.hotline1022.messaging.channels;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.common.MapBackedConfigSource;
import vn.hotline1022.events.Service;
import vn.hotline1022.events.Topics;

/**
 * The incoming channels of a service, derived from {@link Service} and {@link Topics} instead of written by hand: a
 * service says which services' events it reads ({@value #CONSUMES}{@code =intake,dispatch}) and gets, per service,
 * the channel {@code <service>-events} on that service's topic, with failed records going to
 * {@code Topics.dlq(topic, quarkus.application.name)}. A service's {@code @Incoming} method names the channel.
 *
 * <p>Ordinal {@value #ORDINAL}: above the libraries' defaults, below {@code application.properties}, so a service or
 * a deployment can still override any one property.
 */
public class ConsumerChannels implements ConfigSourceFactory {

    /** Short names of the {@link Service}s whose topics the service reads, comma-separated. */
    public static final String CONSUMES = "hotline.messaging.consumes";
    static final int ORDINAL = 200;

    /** The channel on which a consumer reads {@code service}'s topic, e.g. {@code intake-events}. */
    public static String channel(Service service) {
        return service.shortName() + "-events";
    }

    /** The channel properties for {@code application} consuming {@code consumed}. */
    public static Map<String, String> properties(String application, List<Service> consumed) {
        Map<String, String> properties = new LinkedHashMap<>();
        for (Service service : consumed) {
            String prefix = "mp.messaging.incoming." + channel(service) + ".";
            properties.put(prefix + "connector", "smallrye-kafka");
            properties.put(prefix + "topic", service.topic());
            properties.put(prefix + "failure-strategy", "dead-letter-queue");
            properties.put(prefix + "dead-letter-queue.topic", Topics.dlq(service.topic(), application));
            // Ready means "can take requests": a broker outage must not stop a service taking calls, since the outbox
            // holds the events until Kafka is back. Liveness still reports a consumer that has failed.
            properties.put(prefix + "health-readiness-enabled", "false");
            // Handled a poll at a time, one transaction per batch (Inbox.process(KafkaRecordBatch, ...)); the cap
            // keeps a batch's transaction, and the locks its handlers take, short.
            properties.put(prefix + "batch", "true");
            properties.put(prefix + "max.poll.records", "100");
        }
        return properties;
    }

    /** Short names as written in {@value #CONSUMES}; an unknown name is a configuration error, not silence. */
    public static List<Service> parse(String consumes) {
        if (consumes == null || consumes.isBlank()) {
            return List.of();
        }
        return Arrays.stream(consumes.split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .map(name -> Arrays.stream(Service.values()).filter(s -> s.shortName().equals(name)).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException(CONSUMES + ": no service named '" + name
                                + "'; expected one of " + Arrays.toString(Service.values()))))
                .toList();
    }

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        ConfigValue consumes = context.getValue(CONSUMES);
        ConfigValue application = context.getValue("quarkus.application.name");
        if (consumes == null || consumes.getValue() == null || application == null
                || application.getValue() == null) {
            return Collections.emptyList();
        }
        Map<String, String> properties = properties(application.getValue(), parse(consumes.getValue()));
        return List.of(new MapBackedConfigSource("hotline consumer channels", properties, ORDINAL) {
        });
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(ORDINAL);
    }
}
