package vn.hotline1022.intake;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import vn.hotline1022.commons.web.PublicRateLimit;
import vn.hotline1022.testkit.KafkaResource;
import vn.hotline1022.testkit.OidcResource;
import vn.hotline1022.testkit.PostgresResource;
import vn.hotline1022.testkit.SampleEvents;

/**
 * The anonymous Open311 request texts a confirmation code to the phone it names: it must not become a way to text
 * strangers. Whatever the phones and however many addresses the sender holds, the hotline texts no more than its
 * hourly number of codes (15 in tests); past it, every anonymous request is refused with 429 and texts nobody.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(OidcResource.class)
class WebRequestTextsTest {

    @Inject
    PublicRateLimit addressLimit;

    @Inject
    EntityManager em;

    @ConfigProperty(name = "hotline.intake.open311.confirmation-texts-per-hour")
    int textsPerHour;

    @Test
    void theHotlineTextsStrangersNoMoreThanItsHourlyNumberOfCodes() {
        addressLimit.forgetAll();
        long before = pendingRequests();
        int accepted = 0;
        int status = 202;
        for (int i = 0; i <= textsPerHour && status == 202; i++) {
            status = ask(uniquePhone());
            if (status == 202) {
                accepted++;
            }
        }
        assertThat(status).isEqualTo(429);
        assertThat(accepted).isBetween(1, textsPerHour);
        // Refused for any further phone, and no request (so no text) was kept for the refused ones.
        assertThat(ask(uniquePhone())).isEqualTo(429);
        assertThat(pendingRequests() - before).isEqualTo(accepted);
    }

    /** The hotline-wide count is shared with the other tests of this application: give them their hour back. */
    @AfterEach
    void clearTheHourlyCount() {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "delete from citizen_attempt where attempt_key = 'open311:web-texts'").executeUpdate());
    }

    private static int ask(String phone) {
        return given().contentType(ContentType.URLENC.withCharset(StandardCharsets.UTF_8))
                .formParam("service_code", "FOOD").formParam("address_id", SampleEvents.LAI_THIEU)
                .formParam("phone", phone).post("/open311/v2/requests.json").statusCode();
    }

    private long pendingRequests() {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from web_request").getSingleResult()).longValue());
    }

    private static String uniquePhone() {
        return "097" + "%07d".formatted(ThreadLocalRandom.current().nextInt(10_000_000));
    }
}
