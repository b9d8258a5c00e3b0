package vn.hotline1022.notification;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import vn.hotline1022.testkit.AccessMatrix;
import vn.hotline1022.testkit.KafkaResource;
import vn.hotline1022.testkit.OidcResource;
import vn.hotline1022.testkit.PostgresResource;

@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(LocalProvidersResource.class)
@WithTestResource(OidcResource.class)
class NotificationAccessTest {

    @Test
    void everyEndpointHasItsRule() {
        assertThat(AccessMatrix.forService()
                .allow("GET /api/v1/notifications", "call-agent", "dispatcher", "ops", "admin")
                // Without Accept: text/event-stream the stream answers 406 at once, so the matrix can check it.
                .allow("GET /api/v1/notifications/stream", "call-agent", "dispatcher", "ops", "admin")
                .allow("POST /api/v1/templates/{eventName}/preview", "ops", "admin")
                .open("POST /api/v1/public/opt-out")
                .violations()).isEmpty();
        assertThat(AccessMatrix.badTokenViolations("GET /api/v1/notifications", "ops")).isEmpty();
        assertThat(AccessMatrix.badTokenViolations("GET /api/v1/notifications/stream", "dispatcher")).isEmpty();
    }
}
