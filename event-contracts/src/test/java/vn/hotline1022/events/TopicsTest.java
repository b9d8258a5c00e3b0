package vn.hotline1022.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** ops-service finds a dead letter's original topic and consumer from the dead-letter topic's name alone. */
class TopicsTest {

    @Test
    void deadLetterTopicNamesAreReadBack() {
        for (Service service : Service.values()) {
            String dlq = Topics.dlq(service.topic(), "relief-service");
            assertThat(Topics.deadLettersOf(dlq)).isEqualTo(service.topic());
            assertThat(Topics.deadLetterConsumer(dlq, service.topic())).isEqualTo("relief-service");
        }
    }

    @Test
    void namesThatAreNoDeadLetterTopicGiveNothing() {
        assertThat(Topics.deadLettersOf(Topics.INTAKE)).isNull();
        assertThat(Topics.deadLettersOf(Topics.INTAKE + ".dlq")).isNull();
        assertThat(Topics.deadLettersOf("hotline.unknown.events.x.dlq")).isNull();
        assertThat(Topics.deadLettersOf("hotline.intake.events.x")).isNull();
        assertThat(Topics.deadLetterConsumer(Topics.dlq(Topics.INTAKE, "x"), Topics.DISPATCH)).isNull();
        assertThat(Topics.deadLetterConsumer(null, Topics.INTAKE)).isNull();
    }
}
