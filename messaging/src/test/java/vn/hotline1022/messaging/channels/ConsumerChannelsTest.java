package vn.hotline1022.messaging.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import vn.hotline1022.events.Service;

/** Plain unit test; InboxTest proves the derived channel and DLQ in a running application. */
class ConsumerChannelsTest {

    @Test
    void eachConsumedServiceGetsItsChannelOnItsTopicWithThisConsumersDeadLetterTopic() {
        var properties = ConsumerChannels.properties("notification-service",
                ConsumerChannels.parse(" intake, relief "));
        assertThat(properties).containsEntry("mp.messaging.incoming.intake-events.topic", "hotline.intake.events")
                .containsEntry("mp.messaging.incoming.intake-events.connector", "smallrye-kafka")
                .containsEntry("mp.messaging.incoming.intake-events.failure-strategy", "dead-letter-queue")
                .containsEntry("mp.messaging.incoming.intake-events.dead-letter-queue.topic",
                        "hotline.intake.events.notification-service.dlq")
                .containsEntry("mp.messaging.incoming.relief-events.topic", "hotline.relief.events")
                .containsEntry("mp.messaging.incoming.relief-events.dead-letter-queue.topic",
                        "hotline.relief.events.notification-service.dlq")
                // A broker outage leaves the service ready to take requests; the outbox holds the events.
                .containsEntry("mp.messaging.incoming.intake-events.health-readiness-enabled", "false")
                .containsEntry("mp.messaging.incoming.relief-events.health-readiness-enabled", "false")
                // Read a poll at a time (Inbox.process(KafkaRecordBatch, ...)), at most 100 records per transaction.
                .containsEntry("mp.messaging.incoming.intake-events.batch", "true")
                .containsEntry("mp.messaging.incoming.relief-events.max.poll.records", "100")
                .hasSize(14);
    }

    @Test
    void anUnknownServiceIsAConfigurationErrorNotSilence() {
        assertThatThrownBy(() -> ConsumerChannels.parse("intake,intkae"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("intkae");
        assertThat(ConsumerChannels.parse("")).isEmpty();
        assertThat(ConsumerChannels.parse("dispatch")).isEqualTo(List.of(Service.DISPATCH));
    }
}
