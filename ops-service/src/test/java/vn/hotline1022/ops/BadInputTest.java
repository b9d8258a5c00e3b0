package vn.hotline1022.ops;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.inject.Inject;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import vn.hotline1022.commons.web.PublicRateLimit;
import vn.hotline1022.testkit.BadInputFuzzer;
import vn.hotline1022.testkit.KafkaResource;
import vn.hotline1022.testkit.OidcResource;
import vn.hotline1022.testkit.PostgresResource;

/**
 * Every operation of this service's OpenAPI document, with every role and without a token, fed malformed input (see
 * {@link BadInputFuzzer}): never a 5xx, and a refused request changes nothing. The sampler and the consumers write
 * samples, alerts, signals and dead letters on their own while the walk runs; those tables are left out.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database-prefix", value = "badinput"))
@WithTestResource(OidcResource.class)
class BadInputTest {

    @Inject
    DataSource dataSource;

    @Inject
    PublicRateLimit addressLimit;

    @Test
    void noMalformedRequestFailsTheServerOrChangesData() throws Exception {
        BadInputFuzzer.Report report = BadInputFuzzer.walkService("ops-service", RestAssured.port, dataSource,
                addressLimit::forgetAll, f -> f
                        .example("POST /api/v1/dead-letters/{id}/discard", """
                                {"reason": "Đã xử lý tay (handled by hand)"}
                                """),
                "topic_sample", "group_sample", "alert", "signal", "case_index", "dead_letter", "messaging_outbox",
                "messaging_inbox");
        assertThat(report.findings()).isEmpty();
        assertThat(report.operations()).isGreaterThan(10);
        assertThat(report.requests()).isGreaterThan(report.operations() * 20);
    }
}
