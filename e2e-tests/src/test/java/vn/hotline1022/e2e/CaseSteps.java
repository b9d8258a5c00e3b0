package vn.hotline1022.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.restassured.http.ContentType;
import vn.hotline1022.commons.proof.RecipientCode;
import vn.hotline1022.localstack.LocalStack;

/**
 * What the people downstream do to a case, through the services' own APIs with the demo users' real tokens: the
 * dispatcher reports a visit done and a patient handed over, a hospital accepts, a volunteer delivers relief with the
 * household's receipt code.
 */
final class CaseSteps {

    private static final Duration PATIENCE = Duration.ofSeconds(90);

    private CaseSteps() {
    }

    /** A dispatcher reports the visit of the case's team done (nobody needed more), so the team is AVAILABLE. */
    static void freeTheTeamOf(LocalStack stack, UUID caseId) {
        String dispatcher = stack.token("dispatcher1");
        String assignments = stack.url("dispatch-service") + "/api/v1/assignments";
        String id = await().atMost(PATIENCE).until(() -> given().auth().oauth2(dispatcher).queryParam("caseId", caseId)
                .get(assignments).then().statusCode(200).extract().<String> path("[0].id"), a -> a != null);
        for (String step : List.of("acceptance", "departure", "arrival")) {
            given().auth().oauth2(dispatcher).contentType(ContentType.JSON).body("{}")
                    .post(assignments + "/{id}/" + step, id).then().statusCode(200);
        }
        given().auth().oauth2(dispatcher).contentType(ContentType.JSON)
                .body(Map.of("outcome", "RESOLVED_ON_SITE", "returning", false))
                .post(assignments + "/{id}/completion", id).then().statusCode(200);
    }

    /**
     * A dispatcher reports the case's patient picked up and handed over to the accepting hospital: the ambulance sent
     * once the hospital accepted is AVAILABLE again, and referral records the admission.
     */
    static String handOverThePatientOf(LocalStack stack, UUID caseId) {
        String dispatcher = stack.token("dispatcher1");
        String transports = stack.url("dispatch-service") + "/api/v1/transports";
        String id = await().atMost(PATIENCE).until(() -> given().auth().oauth2(dispatcher).queryParam("caseId", caseId)
                .get(transports).then().statusCode(200).extract()
                .<String> path("find { it.status == 'DISPATCHED' }.id"), t -> t != null);
        given().auth().oauth2(dispatcher).post(transports + "/{id}/handover", id).then().statusCode(409); // not yet
        given().auth().oauth2(dispatcher).post(transports + "/{id}/pickup", id).then().statusCode(200);
        given().auth().oauth2(dispatcher).post(transports + "/{id}/handover", id).then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("HANDED_OVER"));
        return id;
    }

    /** The hospital the case was referred to (by its demo user) accepts with a bed; returns the referral id. */
    static String acceptTheReferralOf(LocalStack stack, UUID caseId, String hospitalUser) {
        String hospital = stack.token(hospitalUser);
        String referralId = await().atMost(PATIENCE).until(() -> given().auth().oauth2(hospital)
                .queryParam("caseId", caseId).get(stack.url("referral-service") + "/api/v1/referrals").then()
                .statusCode(200).extract().<String> path("find { it.status == 'PENDING' }.id"), r -> r != null);
        given().auth().oauth2(hospital).contentType(ContentType.JSON).body(Map.of("bedLabel", "Khoa Hồi sức, giường 7"))
                .post(stack.url("referral-service") + "/api/v1/referrals/{id}/acceptance", referralId)
                .then().statusCode(200);
        return referralId;
    }

    /**
     * A volunteer delivers the case's scheduled relief; the household shows the receipt code its phone was texted
     * (derived with this install's secret, as notification-service did: no officer could have read it anywhere).
     */
    static void deliverTheReliefOf(LocalStack stack, UUID caseId) {
        String relief = stack.token("relief1");
        String deliveryId = await().atMost(PATIENCE).until(() -> given().auth().oauth2(relief)
                .queryParam("caseId", caseId).get(stack.url("relief-service") + "/api/v1/deliveries").then()
                .statusCode(200).extract().<String> path("find { it.status == 'SCHEDULED' }.id"), d -> d != null);
        String recipientCode = RecipientCode.derive(stack.secrets().get("HOTLINE_RECIPIENT_CODE_SECRET"),
                UUID.fromString(deliveryId));
        given().auth().oauth2(relief).contentType(ContentType.JSON)
                .body(Map.of("deliveredBy", "Mặt trận Tổ quốc phường Lái Thiêu", "recipientCode", recipientCode))
                .post(stack.url("relief-service") + "/api/v1/deliveries/{id}/confirmation", deliveryId)
                .then().statusCode(200);
    }
}
