package vn.hotline1022.relief;

import static io.restassured.RestAssured.given;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import vn.hotline1022.commons.web.PublicRateLimit;
import vn.hotline1022.testkit.KafkaResource;
import vn.hotline1022.testkit.OidcResource;
import vn.hotline1022.testkit.PostgresResource;

/**
 * Behind an ingress every request comes from the ingress: with it configured as a trusted proxy, each citizen still
 * gets a budget of their own (from X-Forwarded-For), instead of all of them sharing the ingress's one.
 */
@QuarkusTest
@TestProfile(BehindAProxyRateLimitTest.BehindIngress.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(OidcResource.class)
class BehindAProxyRateLimitTest {

    public static class BehindIngress implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("hotline.public-rate-limit.trusted-proxies", "127.0.0.1,::1");
        }
    }

    @Inject
    PublicRateLimit rateLimit;

    @Test
    void eachClientBehindTheProxyHasItsOwnBudget() {
        rateLimit.forgetAll();
        try {
            for (int i = 0; i < 40; i++) { // the test budget is 40 a minute
                publicList("198.51.100.1").then().statusCode(200);
            }
            publicList("198.51.100.1").then().statusCode(429);
            publicList("198.51.100.2").then().statusCode(200);
            // A client adding a forged address in front still lands in its own bucket (the proxy appends the real one).
            publicList("1.2.3.4, 198.51.100.1").then().statusCode(429);
        } finally {
            rateLimit.forgetAll();
        }
    }

    private static io.restassured.response.Response publicList(String forwardedFor) {
        return given().auth().none().header("X-Forwarded-For", forwardedFor).queryParam("wardCode", "25966")
                .get("/api/v1/public/deliveries");
    }
}
