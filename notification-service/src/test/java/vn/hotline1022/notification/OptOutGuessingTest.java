package vn.hotline1022.notification;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.util.Map;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import vn.hotline1022.testkit.KafkaResource;
import vn.hotline1022.testkit.OidcResource;
import vn.hotline1022.testkit.PostgresResource;

/**
 * Opt-out takes a case code with a phone: one phone gets a budget of guesses, counted whatever the answer (the answer
 * is 202 either way), then must slow down. The phone is sent in the spellings intake's form really sends.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(LocalProvidersResource.class)
@WithTestResource(OidcResource.class)
class OptOutGuessingTest {

    @ConfigProperty(name = "hotline.guess-budget.phone-free")
    int free;

    @Test
    void onePhoneGuessingCodesIsSlowedDownWhateverItsAnswers() {
        // One number in its three usual spellings: one phone, one budget.
        String[] spellings = { "0911 222 377", "+84911222377", "84911222377" };
        for (int i = 0; i < free; i++) {
            optOut(spellings[i % 3], "BD-20210817-" + String.format("%04d", i)).then().statusCode(202);
        }
        optOut("0911222377", "BD-20210817-9999").then().statusCode(429)
                .contentType("application/problem+json").header("Retry-After", notNullValue())
                .body("status", equalTo(429));
        // Another phone from the same client is not held back by it.
        optOut("0911222378", "BD-20210817-0001").then().statusCode(202);
    }

    private static io.restassured.response.Response optOut(String phone, String code) {
        return given().auth().none().contentType("application/json").body(Map.of("phone", phone, "caseCode", code))
                .post("/api/v1/public/opt-out");
    }
}
