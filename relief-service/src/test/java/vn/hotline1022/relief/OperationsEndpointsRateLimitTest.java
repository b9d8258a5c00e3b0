package vn.hotline1022.relief;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import vn.hotline1022.commons.web.PublicRateLimit;
import vn.hotline1022.testkit.KafkaResource;
import vn.hotline1022.testkit.OidcResource;
import vn.hotline1022.testkit.PostgresResource;

/** Health, metrics and OpenAPI are open without a token, and rate limited per client like the public pages. */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(OidcResource.class)
class OperationsEndpointsRateLimitTest {

    @Inject
    PublicRateLimit rateLimit;

    @Test
    void healthIsOpenButNotWithoutLimit() {
        rateLimit.forgetAll();
        try {
            int firstRefused = -1;
            for (int i = 1; i <= 61 && firstRefused < 0; i++) { // the test budget is 60 a minute
                int status = given().auth().none().get("/q/health/live").statusCode();
                if (status == 429) {
                    firstRefused = i;
                } else {
                    assertThat(status).as("request %d", i).isEqualTo(200);
                }
            }
            assertThat(firstRefused).isEqualTo(61);
        } finally {
            rateLimit.forgetAll();
        }
    }
}
