package vn.hotline1022.dispatch.bench;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.restassured.http.ContentType;
import vn.hotline1022.commons.security.Roles;
import vn.hotline1022.events.EventType;
import vn.hotline1022.events.Topics;
import vn.hotline1022.events.common.Location;
import vn.hotline1022.events.common.Need;
import vn.hotline1022.events.intake.CallReceived;
import vn.hotline1022.messaging.cloudevents.CloudEventRecords;
import vn.hotline1022.testkit.KafkaResource;
import vn.hotline1022.testkit.OidcResource;
import vn.hotline1022.testkit.PostgresResource;
import vn.hotline1022.testkit.SampleEvents;
import vn.hotline1022.testkit.TestTokens;

/**
 * Not a timed test: a measurement, run on demand with {@code ./mvnw -B -o test -pl dispatch-service -Dbench=true
 * -Dtest=DispatchLatencyBenchTest [-Dbench.events=100]}. Skipped otherwise (a JUnit condition, so the class still compiles
 * and stays honest).
 *
 * <p>Measures, one event in flight at a time, CallReceived produced to intake's topic → TeamDispatched read from
 * dispatch's topic (inbox, ranking, locking, outbox, relay, broker), against a baseline taken in the same run on the
 * same broker: a bare Kafka round trip (produce, then read back) with no processing. Prints p50/p90 of both and the
 * ratios, so the figure means the same on a laptop and on CI. Same test resources as the other classes: one app boot.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(OidcResource.class)
@EnabledIfSystemProperty(named = "bench", matches = "true")
class DispatchLatencyBenchTest {

    private static final String PROVINCE = "98";
    private static final String ECHO = "hotline.bench.echo";

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @Test
    void callReceivedToTeamDispatched() throws Exception {
        int events = Integer.getInteger("bench.events", 100);
        int warmup = Math.max(5, events / 10);
        String ops = TestTokens.user("bench", Roles.OPS).sign();
        for (int i = 0; i < events + warmup; i++) {
            given().auth().oauth2(ops).contentType(ContentType.JSON)
                    .body(Map.of("code", "B98-" + i, "name", "Bench " + i, "provinceCode", PROVINCE,
                            "homeDistrictCode", "981", "coveredWardCodes", List.of("98101"), "medicalStaff", 1,
                            "vehicle", "MOTORBIKE"))
                    .post("/api/v1/teams").then().statusCode(201);
        }
        String servers = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        try (KafkaProducer<String, String> producer = producer(servers);
                KafkaConsumer<String, String> consumer = consumer(servers)) {
            // Both topics exist before anything is timed (on a fresh broker the relay has not created dispatch's yet).
            for (String topic : List.of(ECHO, Topics.DISPATCH)) {
                if (!companion.topics().list().contains(topic)) {
                    companion.topics().createAndWait(topic, 4);
                }
            }
            List<Long> baseline = measure(producer, consumer, ECHO, warmup, events, key -> {
                ProducerRecord<String, String> r = new ProducerRecord<>(ECHO, key, "{\"ping\":true}");
                return r;
            }, null);
            List<Long> dispatch = measure(producer, consumer, Topics.DISPATCH, warmup, events, key -> {
                UUID caseId = UUID.fromString(key);
                CallReceived s = SampleEvents.callReceived(caseId, "981", "98101", 90, Need.EMERGENCY_TRANSPORT);
                return CloudEventRecords.of(new CallReceived(caseId, s.caseCode(), s.occurredAt(), s.callId(),
                        s.channel(), s.caller(), new Location(PROVINCE, "981", "98101", null, null, null), s.needs(), 1,
                        s.vulnerabilities(), 90, null, "bench"));
            }, EventType.TEAM_DISPATCHED.ceType());
            report(events, baseline, dispatch);
        }
    }

    private static List<Long> measure(KafkaProducer<String, String> producer, KafkaConsumer<String, String> consumer,
            String readTopic, int warmup, int events, java.util.function.Function<String, ProducerRecord<String, String>> make,
            String ceType) {
        List<TopicPartition> partitions = consumer.partitionsFor(readTopic, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        List<Long> nanos = new ArrayList<>();
        for (int i = 0; i < warmup + events; i++) {
            String key = UUID.randomUUID().toString();
            long start = System.nanoTime();
            producer.send(make.apply(key));
            producer.flush();
            awaitKey(consumer, key, ceType);
            if (i >= warmup) {
                nanos.add(System.nanoTime() - start);
            }
        }
        return nanos;
    }

    private static void awaitKey(KafkaConsumer<String, String> consumer, String key, String ceType) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(1))) {
                var type = r.headers().lastHeader("ce_type");
                if (key.equals(r.key()) && (ceType == null || (type != null && ceType.equals(new String(type.value()))))) {
                    return;
                }
            }
        }
        throw new AssertionError("no answer for " + key + " within 30 s");
    }

    private static void report(int events, List<Long> baseline, List<Long> dispatch) {
        double b50 = percentile(baseline, 50), b90 = percentile(baseline, 90);
        double d50 = percentile(dispatch, 50), d90 = percentile(dispatch, 90);
        System.out.printf("""

                === dispatch latency, %d events, one in flight ===
                baseline Kafka round trip      p50 %7.2f ms   p90 %7.2f ms
                CallReceived → TeamDispatched   p50 %7.2f ms   p90 %7.2f ms
                ratio (dispatch / baseline)    p50 %7.2f x    p90 %7.2f x
                %n""", events, b50, b90, d50, d90, d50 / b50, d90 / b90);
    }

    private static double percentile(List<Long> nanos, int p) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        int i = Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1);
        return sorted.get(Math.max(0, i)) / 1_000_000.0;
    }

    private static KafkaProducer<String, String> producer(String servers) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    private static KafkaConsumer<String, String> consumer(String servers) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "1");
        return new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
    }
}
