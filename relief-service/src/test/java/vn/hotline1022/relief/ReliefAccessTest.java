package vn.hotline1022.relief;

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
@WithTestResource(OidcResource.class)
class ReliefAccessTest {

    @Test
    void everyEndpointHasItsRule() {
        assertThat(AccessMatrix.forService()
                .allow("GET /api/v1/programmes", "call-agent", "relief-officer", "ops", "admin")
                .allow("POST /api/v1/programmes", "relief-officer", "admin")
                .allow("POST /api/v1/programmes/{code}/stock", "relief-officer", "admin")
                .allow("GET /api/v1/deliveries", "call-agent", "relief-officer", "ops", "admin")
                .allow("POST /api/v1/deliveries/{id}/confirmation", "relief-officer", "admin")
                .open("GET /api/v1/public/deliveries")
                .violations()).isEmpty();
        assertThat(AccessMatrix.badTokenViolations("GET /api/v1/programmes", "relief-officer")).isEmpty();
    }
}
