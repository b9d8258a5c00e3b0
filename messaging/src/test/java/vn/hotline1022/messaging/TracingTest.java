package vn.hotline1022.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.hotline1022.messaging.TestSupport.PATIENCE;
import static vn.hotline1022.messaging.TestSupport.awaitRecords;
import static vn.hotline1022.messaging.TestSupport.header;
import static vn.hotline1022.messaging.TestSupport.text;

import java.util.UUID;

import jakarta.inject.Inject;

import javax.sql.DataSource;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Scope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import vn.hotline1022.events.Topics;
import vn.hotline1022.messaging.probe.ProbeConsumer;
import vn.hotline1022.messaging.probe.ProbeService;
import vn.hotline1022.testkit.KafkaResource;
import vn.hotline1022.testkit.PostgresResource;

/** The trace context goes with an event from the writer's span through the outbox and Kafka into the consumer. */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
class TracingTest {

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @Inject
    ProbeService probe;

    @Inject
    ProbeConsumer consumer;

    @Inject
    DataSource dataSource;

    @Inject
    OpenTelemetry openTelemetry;

    @Test
    void anEventPublishedInASpanCarriesItsTraceToKafkaAndTheConsumerContinuesIt() {
        UUID caseId = UUID.randomUUID();
        Span request = openTelemetry.getTracer("tracing-test").spanBuilder("a request").startSpan();
        UUID eventId;
        try (Scope ignored = request.makeCurrent()) {
            eventId = probe.changeAndPublish(caseId, "traced");
        } finally {
            request.end();
        }
        SpanContext writer = request.getSpanContext();
        assertThat(writer.isValid()).isTrue();
        String traceparent = "00-" + writer.getTraceId() + "-" + writer.getSpanId() + "-"
                + writer.getTraceFlags().asHex();

        assertThat(text(dataSource, "select trace_parent from messaging_outbox where event_id = ?", eventId))
                .isEqualTo(traceparent);
        ConsumerRecord<String, String> record = awaitRecords(companion, Topics.INTAKE,
                r -> r.key().equals(caseId.toString()), 1).get(0);
        assertThat(header(record, "traceparent")).isEqualTo(traceparent);
        assertThat(header(record, "ce_traceparent")).isEqualTo(traceparent); // CloudEvents distributed tracing

        // The handler ran in a span of its own in the same trace: what it publishes would carry that trace on.
        await().atMost(PATIENCE).until(() -> consumer.spanOf(eventId) != null);
        SpanContext handler = consumer.spanOf(eventId);
        assertThat(handler.getTraceId()).isEqualTo(writer.getTraceId());
        assertThat(handler.getSpanId()).isNotEqualTo(writer.getSpanId());
    }

    @Test
    void anEventPublishedOutsideAnyTraceHasNoTraceHeadersAndItsConsumerStartsATrace() {
        UUID caseId = UUID.randomUUID();
        UUID eventId = probe.changeAndPublish(caseId, "untraced");

        assertThat(text(dataSource, "select trace_parent from messaging_outbox where event_id = ?", eventId)).isNull();
        ConsumerRecord<String, String> record = awaitRecords(companion, Topics.INTAKE,
                r -> r.key().equals(caseId.toString()), 1).get(0);
        assertThat(header(record, "traceparent")).isNull();
        assertThat(header(record, "ce_traceparent")).isNull();

        await().atMost(PATIENCE).until(() -> consumer.spanOf(eventId) != null);
        assertThat(consumer.spanOf(eventId).isValid()).isTrue();
    }
}
