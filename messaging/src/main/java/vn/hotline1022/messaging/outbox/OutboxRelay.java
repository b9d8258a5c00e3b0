package vn.hotline1022.messaging.outbox;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import javax.sql.DataSource;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import vn.hotline1022.messaging.MessagingConfig;
import vn.hotline1022.messaging.workers.PollingWorker;

/**
 * Runs {@link OutboxPublisher} on one background thread: woken at once when this instance commits outbox rows, and
 * every poll interval for rows committed by other instances. While Kafka is unreachable it backs off and retries;
 * the rows simply wait in the table, so nothing accepted is lost.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    @Inject
    MessagingConfig config;

    @Inject
    DataSource dataSource;

    @Inject
    @Identifier("default-kafka-broker")
    Instance<Map<String, Object>> kafkaConfig;

    @ConfigProperty(name = "quarkus.application.name", defaultValue = "hotline")
    String applicationName;

    private volatile Exception lastFailure;
    private PollingWorker worker;
    private Producer<String, String> producer;

    void onStart(@Observes StartupEvent event) {
        if (config.outbox().relayEnabled()) {
            start();
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    /** Called after a transaction that wrote outbox rows commits. Cheap; never blocks. */
    public void wakeUp() {
        PollingWorker w = worker;
        if (w != null) {
            w.wakeUp();
        }
    }

    /** The last Kafka error, or null once a batch went through again: for the health check. */
    public Exception lastFailure() {
        return lastFailure;
    }

    public boolean isRunning() {
        PollingWorker w = worker;
        return w != null && w.isRunning();
    }

    synchronized void start() {
        if (worker != null) {
            return;
        }
        producer = new KafkaProducer<>(producerConfig());
        OutboxPublisher publisher = new OutboxPublisher(dataSource, producer, config.outbox().batchSize(),
                config.outbox().buckets());
        worker = new PollingWorker("outbox-relay", 1, config.outbox().pollInterval(), config.outbox().maxBackoff(),
                () -> publishBatch(publisher), this::failed);
        worker.start();
    }

    synchronized void stop() {
        if (worker == null) {
            return;
        }
        worker.stop(config.outbox().deliveryTimeout().plusSeconds(5));
        worker = null;
        producer.close(Duration.ofSeconds(5));
    }

    /** Producer settings for a durable, ordered stream: every in-sync replica acknowledges, no duplicates on retry. */
    Map<String, Object> producerConfig() {
        Map<String, Object> p = new HashMap<>();
        if (kafkaConfig.isResolvable()) {
            kafkaConfig.get().forEach((k, v) -> {
                if (ProducerConfig.configNames().contains(k)) {
                    p.put(k, v);
                }
            });
        }
        long deliveryMs = config.outbox().deliveryTimeout().toMillis();
        p.put(ProducerConfig.CLIENT_ID_CONFIG, applicationName + "-outbox-relay");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5); // ordered under idempotence
        p.put(ProducerConfig.RETRIES_CONFIG, Integer.MAX_VALUE);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) deliveryMs);
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.max(1_000, deliveryMs - 1_000));
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Math.min(deliveryMs, 5_000));
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return p;
    }

    private PollingWorker.Outcome publishBatch(OutboxPublisher publisher) throws Exception {
        OutboxPublisher.BatchResult result = publisher.publishBatch();
        if (result.failure() != null) {
            if (lastFailure == null) {
                LOG.warnf("Kafka did not take %d of %d outbox events (%s); they wait and are retried",
                        result.selected() - result.published(), result.selected(), result.failure());
            }
            lastFailure = result.failure();
            return PollingWorker.Outcome.BACK_OFF;
        }
        if (lastFailure != null) {
            LOG.info("Kafka reachable again: outbox relay resumed");
            lastFailure = null;
        }
        return result.full(config.outbox().batchSize()) ? PollingWorker.Outcome.MORE : PollingWorker.Outcome.IDLE;
    }

    /** Database unreachable, or migrations not yet run: the worker waits and retries. */
    private void failed(Exception e) {
        if (lastFailure == null || !lastFailure.getClass().equals(e.getClass())) {
            LOG.warnf("Outbox relay failed, retrying: %s", e.toString());
        }
        lastFailure = e;
    }
}
