package vn.hotline1022.intake;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import vn.hotline1022.commons.security.CurrentUser;
import vn.hotline1022.commons.security.Roles;
import vn.hotline1022.commons.web.PublicRateLimit;
import vn.hotline1022.intake.cases.HotlineCase;
import vn.hotline1022.testkit.KafkaResource;
import vn.hotline1022.testkit.OidcResource;
import vn.hotline1022.testkit.PostgresResource;
import vn.hotline1022.testkit.SampleEvents;
import vn.hotline1022.testkit.TestTokens;

/**
 * What an anonymous caller can no longer do on the citizens' endpoints: jump the queue by answering "not helped" again
 * and again, guess case codes, or probe codes and phones without being locked out; what staff lists show is capped and
 * audited.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(OidcResource.class)
class CitizenAbuseTest {

    private static final String AGENT = TestTokens.user("agent-abuse", Roles.CALL_AGENT)
            .claim(CurrentUser.PROVINCE_CODES, List.of("74", "12", "75")).sign();
    private static final String ADMIN = TestTokens.user("admin1", Roles.ADMIN).sign();

    @Inject
    PublicRateLimit addressLimit;

    @BeforeEach
    void freshAddressBudget() {
        addressLimit.forgetAll(); // these tests are about per-code and per-phone limits, not the per-address one
    }

    @Test
    void caseCodesEndInThreeRandomCharacters() {
        String phone = uniquePhone();
        String code = openCase(phone);
        assertThat(code).matches("BD-\\d{8}-\\d{4}-[A-HJKMNP-Z2-9]{3}");
        // The code without its suffix (what a guesser knows from the date and the day's count) finds nothing.
        String guessed = code.substring(0, code.lastIndexOf('-'));
        lookup(guessed, phone).then().statusCode(404);
        lookup(code, phone).then().statusCode(200).body("code", equalTo(code));
        // The phone never travels in the URL.
        given().auth().none().queryParam("phone", phone).get("/api/v1/public/cases/{code}", code).then()
                .statusCode(org.hamcrest.Matchers.oneOf(404, 405));
    }

    @Test
    void notHelpedEscalatesOncePerIntervalThenCountsAsAContact() {
        String phone = uniquePhone();
        String code = openCase(phone);
        for (int i = 0; i < 4; i++) {
            confirm(code, phone, false).then().statusCode(200);
        }
        given().auth().oauth2(AGENT).get("/api/v1/cases/{code}", code).then().statusCode(200)
                .body("sla.reopenCount", equalTo(1))
                .body("timeline.findAll { it.type == 'CaseReopened' }.size()", equalTo(1))
                .body("timeline.findAll { it.type == 'CitizenContact' }.size()", equalTo(3));

        // Two hours later, it counts again.
        QuarkusTransaction.requiringNew().run(() -> HotlineCase.getEntityManager().createNativeQuery(
                "update hotline_case set last_reopened_at = now() - interval '3 hours' where code = ?1")
                .setParameter(1, code).executeUpdate());
        confirm(code, phone, false).then().statusCode(200);
        given().auth().oauth2(AGENT).get("/api/v1/cases/{code}", code).then().body("sla.reopenCount", equalTo(2));
    }

    @Test
    void aCodeAndPhonePairIsLockedAfterFiveFailures() {
        String phone = uniquePhone();
        String code = openCase(phone);
        String wrong = uniquePhone();
        for (int i = 0; i < 5; i++) {
            lookup(code, wrong).then().statusCode(404);
        }
        lookup(code, wrong).then().statusCode(429).header("Content-Type", "application/problem+json");
        // The citizen's own phone is another pair: still served.
        lookup(code, phone).then().statusCode(200);
    }

    @Test
    void aCodeProbedWithManyPhonesIsLockedEvenForItsCaller() {
        String phone = uniquePhone();
        String code = openCase(phone);
        for (int i = 0; i < 10; i++) {
            lookup(code, uniquePhone()).then().statusCode(404);
        }
        lookup(code, phone).then().statusCode(429);
        confirm(code, phone, true).then().statusCode(429);
        given().auth().oauth2(AGENT).get("/api/v1/cases/{code}", code).then().body("status", equalTo("OPEN"));
    }

    @Test
    void aPhoneTryingManyCodesIsLocked() {
        String phone = uniquePhone();
        String code = openCase(phone);
        String prefix = code.substring(0, code.lastIndexOf('-') + 1);
        for (String guess : List.of("AAA", "AAB", "AAC", "AAD", "AAE", "AAF", "AAG", "AAH", "AAJ", "AAK")) {
            if (!(prefix + guess).equals(code)) {
                lookup(prefix + guess, phone).then().statusCode(404);
            }
        }
        lookup(code, phone).then().statusCode(429);
    }

    @Test
    void oneCodeIsServedAtMostTenTimesPerWindow() {
        String phone = uniquePhone();
        String code = openCase(phone);
        for (int i = 0; i < 10; i++) {
            lookup(code, phone).then().statusCode(200);
        }
        lookup(code, phone).then().statusCode(429).header("Content-Type", "application/problem+json");
    }

    @Test
    void staffListsAreCappedAtAHundredAndEveryReadIsAudited() {
        given().auth().oauth2(AGENT).queryParam("size", 101).get("/api/v1/cases").then().statusCode(400)
                .body("errors.field", hasItem("size"));
        given().auth().oauth2(AGENT).queryParam("size", 500).get("/api/v1/cases/overdue").then().statusCode(400);
        given().auth().oauth2(AGENT).queryParam("limit", 500).get("/api/v1/cases").then().statusCode(400);
        openCase(uniquePhone());
        String lister = TestTokens.user("agent-lister", Roles.CALL_AGENT)
                .claim(CurrentUser.PROVINCE_CODES, List.of("74")).sign();
        given().auth().oauth2(lister).queryParam("status", "OPEN").queryParam("size", 2).get("/api/v1/cases").then()
                .statusCode(200);
        given().auth().oauth2(lister).queryParam("q", "Nguyễn Thị").get("/api/v1/cases").then().statusCode(200);
        given().auth().oauth2(lister).get("/api/v1/cases/overdue").then().statusCode(200);
        List<String> details = given().auth().oauth2(ADMIN).queryParam("actor", "agent-lister").get("/api/v1/audit")
                .then().statusCode(200).body("action", org.hamcrest.Matchers.everyItem(equalTo("CASES_LISTED")))
                .extract().path("detail");
        assertThat(details).hasSize(3);
        assertThat(details).anySatisfy(d -> assertThat(d).matches("cases status=OPEN page=0: 2 shown of \\d+"));
        assertThat(details).anySatisfy(d -> assertThat(d).startsWith("cases q=(search text) page=0"));
        assertThat(details).anySatisfy(d -> assertThat(d).startsWith("overdue page=0: "));
        assertThat(String.join(" ", details)).doesNotContain("Nguyễn");
    }

    private static Response lookup(String code, String phone) {
        return given().auth().none().contentType(ContentType.JSON).body(Map.of("phone", phone))
                .post("/api/v1/public/cases/{code}/lookup", code);
    }

    private static Response confirm(String code, String phone, boolean helped) {
        return given().auth().none().contentType(ContentType.JSON).body(Map.of("phone", phone, "helped", helped))
                .post("/api/v1/public/cases/{code}/confirmation", code);
    }

    private static String openCase(String phone) {
        Map<String, Object> call = new HashMap<>();
        call.put("callId", UUID.randomUUID());
        call.put("channel", "PHONE");
        call.put("caller", Map.of("name", "Nguyễn Thị Bình", "phone", phone));
        call.put("location", Map.of("wardCode", SampleEvents.PHU_CUONG, "addressText",
                ThreadLocalRandom.current().nextInt(1, 100_000_000) + " Đường Yersin"));
        call.put("needs", List.of("FOOD"));
        return given().auth().oauth2(AGENT).contentType(ContentType.JSON).body(call).post("/api/v1/calls").then()
                .statusCode(201).body("code", matchesPattern(".*")).extract().path("code");
    }

    private static String uniquePhone() {
        return "097" + "%07d".formatted(ThreadLocalRandom.current().nextInt(10_000_000));
    }
}
