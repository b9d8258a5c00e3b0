package vn.hotline1022.ops;

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
class OpsAccessTest {

    @Test
    void onlyOpsAndAdminsSeeOrSteerTheFlow() {
        assertThat(AccessMatrix.forService()
                .allow("GET /api/v1/overview", "ops", "admin")
                .allow("GET /api/v1/stream", "ops", "admin")
                .allow("GET /api/v1/topics", "ops", "admin")
                .allow("GET /api/v1/consumer-groups", "ops", "admin")
                .allow("GET /api/v1/services", "ops", "admin")
                .allow("GET /api/v1/flow/history", "ops", "admin")
                .allow("GET /api/v1/dead-letters", "ops", "admin")
                .allow("GET /api/v1/dead-letters/{id}", "ops", "admin")
                .allow("POST /api/v1/dead-letters/{id}/replay", "ops", "admin")
                .allow("POST /api/v1/dead-letters/replay", "ops", "admin")
                .allow("POST /api/v1/dead-letters/{id}/discard", "ops", "admin")
                .allow("GET /api/v1/cases/{caseId}/trace", "ops", "admin")
                .allow("GET /api/v1/cases/trace", "ops", "admin")
                .allow("GET /api/v1/alerts", "ops", "admin")
                .violations()).isEmpty();
        assertThat(AccessMatrix.badTokenViolations("GET /api/v1/dead-letters", "ops")).isEmpty();
    }
}
