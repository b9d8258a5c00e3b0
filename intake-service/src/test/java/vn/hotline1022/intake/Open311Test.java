package vn.hotline1022.intake;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import vn.hotline1022.commons.proof.RecipientCode;
import vn.hotline1022.commons.security.CurrentUser;
import vn.hotline1022.commons.security.Roles;
import vn.hotline1022.commons.web.PublicRateLimit;
import vn.hotline1022.events.EventJson;
import vn.hotline1022.events.EventType;
import vn.hotline1022.events.Topics;
import vn.hotline1022.events.common.ContactChannel;
import vn.hotline1022.events.common.Need;
import vn.hotline1022.events.intake.CallReceived;
import vn.hotline1022.events.intake.PhoneConfirmationRequested;
import vn.hotline1022.intake.open311.WebRequests;
import vn.hotline1022.testkit.KafkaResource;
import vn.hotline1022.testkit.OidcResource;
import vn.hotline1022.testkit.PostgresResource;
import vn.hotline1022.testkit.SampleEvents;
import vn.hotline1022.testkit.TestTokens;

/**
 * Open311 GeoReport v2 on intake: the specification's field names, a partner app's request becoming a case like a
 * call (same CallReceived, channel APP, repeat linking), status without personal data, and the abuse limits.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(OidcResource.class)
class Open311Test {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String KEY = "open311-test-key";
    private static final String AGENT = TestTokens.user("agent-open311", Roles.CALL_AGENT)
            .claim(CurrentUser.PROVINCE_CODES, List.of("74", "12", "75")).sign();
    /** The fields of each answer, from the GeoReport v2 specification (wiki.open311.org/GeoReport_v2). */
    private static final Set<String> SERVICE_FIELDS = Set.of("service_code", "service_name", "description", "metadata",
            "type", "keywords", "group");
    private static final Set<String> ATTRIBUTE_FIELDS = Set.of("variable", "code", "datatype", "required",
            "datatype_description", "order", "description", "values");
    private static final Set<String> CREATED_FIELDS = Set.of("service_request_id", "service_notice", "account_id");
    private static final Set<String> REQUEST_FIELDS = Set.of("service_request_id", "status", "status_notes",
            "service_name", "service_code", "description", "agency_responsible", "service_notice",
            "requested_datetime", "updated_datetime", "expected_datetime", "address", "address_id", "zipcode", "lat",
            "long", "media_url");

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @Inject
    PublicRateLimit addressLimit;

    @Inject
    WebRequests webRequests;

    @Inject
    EntityManager em;

    @ConfigProperty(name = "hotline.recipient-code-secret")
    String secret;

    @BeforeEach
    void freshAddressBudget() {
        addressLimit.forgetAll(); // these tests are about the per-client and per-phone limits
    }

    @Test
    void servicesAndTheirDefinitionUseTheSpecificationsFieldNamesVietnameseFirst() {
        List<Map<String, Object>> services = given().get("/open311/v2/services.json").then().statusCode(200)
                .contentType(ContentType.JSON).extract().jsonPath().getList("$");
        assertThat(services).hasSize(Need.values().length);
        assertThat(services).allSatisfy(s -> assertThat(s.keySet()).isEqualTo(SERVICE_FIELDS));
        Map<String, Object> food = services.stream().filter(s -> "FOOD".equals(s.get("service_code"))).findFirst()
                .orElseThrow();
        assertThat(food).containsEntry("service_name", "Lương thực").containsEntry("group", "An sinh")
                .containsEntry("type", "realtime").containsEntry("metadata", true);
        given().queryParam("lang", "en").get("/open311/v2/services.json").then().statusCode(200)
                .body("find { it.service_code == 'FOOD' }.service_name", equalTo("Food"));

        Map<String, Object> definition = given().get("/open311/v2/services/FOOD.json").then().statusCode(200)
                .body("service_code", equalTo("FOOD")).extract().jsonPath().getMap("$");
        assertThat(definition.keySet()).containsExactlyInAnyOrder("service_code", "attributes");
        List<Map<String, Object>> attributes = given().get("/open311/v2/services/FOOD.json").then().extract()
                .jsonPath().getList("attributes");
        assertThat(attributes).singleElement().satisfies(a -> {
            assertThat(a.keySet()).isEqualTo(ATTRIBUTE_FIELDS);
            assertThat(a).containsEntry("code", "household_size").containsEntry("datatype", "number");
        });
        given().get("/open311/v2/services/PIZZA.json").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("service_code"));
    }

    @Test
    void aPartnerAppsRequestBecomesACaseLikeACallAndShowsItsStatusWithoutPersonalData() {
        String phone = uniquePhone();
        ConsumerTask<String, String> intake = companion.consumeStrings().fromTopics(Topics.INTAKE);
        try {
            Response created = post(form(KEY, "FOOD", phone).with("attribute[household_size]", "4")
                    .with("description", "Nhà có 2 trẻ nhỏ, hết gạo 3 ngày").with("first_name", "Bình")
                    .with("last_name", "Nguyễn Thị"));
            created.then().statusCode(201).contentType(ContentType.JSON);
            Map<String, Object> answer = created.jsonPath().getMap("[0]");
            assertThat(answer.keySet()).isEqualTo(CREATED_FIELDS);
            String code = (String) answer.get("service_request_id");
            assertThat(code).matches("BD-\\d{8}-\\d{4}-[A-HJKMNP-Z2-9]{3}");
            assertThat((String) answer.get("service_notice")).contains(code);

            // The same triage and flow as a call: one CallReceived, channel APP, the phone in its national form.
            ConsumerRecord<String, String> published = await().atMost(PATIENCE).until(() -> intake.stream()
                    .filter(r -> r.value() != null && r.value().contains(code)).findFirst().orElse(null),
                    r -> r != null);
            assertThat(new String(published.headers().lastHeader("ce_type").value(), StandardCharsets.UTF_8))
                    .isEqualTo(EventType.CALL_RECEIVED.ceType());
            CallReceived call = (CallReceived) EventJson.fromJson(published.value(), EventType.CALL_RECEIVED);
            assertThat(call.channel()).isEqualTo(ContactChannel.APP);
            assertThat(call.caller().phone()).isEqualTo(phone);
            assertThat(call.needs()).containsExactly(Need.FOOD);
            assertThat(call.location().wardCode()).isEqualTo(SampleEvents.LAI_THIEU);
            given().auth().oauth2(AGENT).get("/api/v1/cases/{code}", code).then().statusCode(200)
                    .body("channel", equalTo("APP")).body("householdSize", equalTo(4));

            // The same phone again: the app only names it, so the request never joins nor names that open case; it
            // waits for an agent's callback to the phone, under a code of its own (no second case either).
            Response again = post(form(KEY, "RENT_SUPPORT", phone));
            again.then().statusCode(202);
            assertThat(again.asString()).doesNotContain(code);
            assertThat(again.jsonPath().getString("[0].service_request_id"))
                    .matches("BD-\\d{8}-\\d{4}-[A-HJKMNP-Z2-9]{3}");
        } finally {
            intake.stop();
        }
        String code = post(form(KEY, "CASH_SUPPORT", uniquePhone())).then().statusCode(201).extract()
                .path("[0].service_request_id");

        Response status = given().get("/open311/v2/requests/{id}.json", code);
        status.then().statusCode(200).body("[0].service_request_id", equalTo(code)).body("[0].status",
                equalTo("open")).body("[0].status_notes", equalTo("đã tiếp nhận"))
                .body("[0].service_code", equalTo("CASH_SUPPORT"))
                .body("[0].requested_datetime", matchesPattern("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+07:00"));
        assertThat(status.jsonPath().getMap("[0]").keySet()).isEqualTo(REQUEST_FIELDS);
        assertThat(status.asString()).doesNotContain("Nguyễn").doesNotContain("hết gạo");

        List<String> listed = given().queryParam("service_request_id", code).get("/open311/v2/requests.json").then()
                .statusCode(200).extract().path("service_request_id");
        assertThat(listed).containsExactly(code);
        given().queryParam("service_code", "CASH_SUPPORT").queryParam("status", "open")
                .get("/open311/v2/requests.json").then().statusCode(200).body("service_request_id", hasItem(code));
        given().queryParam("status", "closed").get("/open311/v2/requests.json").then().statusCode(200)
                .body("service_request_id", org.hamcrest.Matchers.not(hasItem(code)));
    }

    @Test
    void theSameAnswersInXmlUnderTheSpecificationsElementNames() throws Exception {
        org.w3c.dom.Element services = xml(given().get("/open311/v2/services.xml").then().statusCode(200)
                .contentType(ContentType.XML).extract().asString(), "services");
        List<org.w3c.dom.Element> each = children(services);
        assertThat(each).isNotEmpty().allSatisfy(e -> {
            assertThat(e.getTagName()).isEqualTo("service");
            assertThat(names(e)).isEqualTo(SERVICE_FIELDS);
        });
        assertThat(each).extracting(e -> text(e, "service_name")).contains("Lương thực", "Hỗ trợ ô-xy");
        org.w3c.dom.Element definition = xml(given().get("/open311/v2/services/FOOD.xml").then().statusCode(200)
                .extract().asString(), "service_definition");
        assertThat(names(definition)).containsExactlyInAnyOrder("service_code", "attributes");
        assertThat(children(child(definition, "attributes"))).isNotEmpty()
                .allSatisfy(a -> assertThat(names(a)).isEqualTo(ATTRIBUTE_FIELDS));

        String phone = uniquePhone();
        String created = given().contentType(ContentType.URLENC.withCharset(StandardCharsets.UTF_8))
                .formParams(form(KEY, "FOOD", phone).params).post("/open311/v2/requests.xml").then().statusCode(201)
                .contentType(ContentType.XML).extract().asString();
        org.w3c.dom.Element answer = children(xml(created, "service_requests")).get(0);
        assertThat(answer.getTagName()).isEqualTo("request");
        assertThat(names(answer)).isEqualTo(CREATED_FIELDS);
        String code = text(answer, "service_request_id");
        assertThat(code).matches("BD-\\d{8}-\\d{4}-[A-HJKMNP-Z2-9]{3}");

        org.w3c.dom.Element status = children(xml(given().get("/open311/v2/requests/{id}.xml", code).then()
                .statusCode(200).extract().asString(), "service_requests")).get(0);
        assertThat(names(status)).isEqualTo(REQUEST_FIELDS);
        assertThat(text(status, "status")).isEqualTo("open");
        assertThat(text(status, "long")).isEmpty(); // not shared: an empty element, as in the specification
        assertThat(children(xml(given().queryParam("service_request_id", code).get("/open311/v2/requests.xml")
                .then().statusCode(200).extract().asString(), "service_requests")))
                .extracting(e -> text(e, "service_request_id")).containsExactly(code);
        given().get("/open311/v2/requests/{id}.xml", "nope").then().statusCode(400)
                .contentType("application/problem+json");
    }

    private static org.w3c.dom.Element xml(String body, String root) throws Exception {
        var factory = javax.xml.parsers.DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        org.w3c.dom.Element e = factory.newDocumentBuilder()
                .parse(new java.io.ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8))).getDocumentElement();
        assertThat(e.getTagName()).isEqualTo(root);
        return e;
    }

    private static List<org.w3c.dom.Element> children(org.w3c.dom.Element parent) {
        List<org.w3c.dom.Element> found = new java.util.ArrayList<>();
        for (var n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof org.w3c.dom.Element e) {
                found.add(e);
            }
        }
        return found;
    }

    private static Set<String> names(org.w3c.dom.Element parent) {
        return children(parent).stream().map(org.w3c.dom.Element::getTagName)
                .collect(java.util.stream.Collectors.toSet());
    }

    private static org.w3c.dom.Element child(org.w3c.dom.Element parent, String name) {
        return children(parent).stream().filter(e -> e.getTagName().equals(name)).findFirst().orElseThrow();
    }

    private static String text(org.w3c.dom.Element parent, String name) {
        return child(parent, name).getTextContent();
    }

    @Test
    void aCaseTakenOnThePhoneIsNotShownThroughOpen311() {
        Map<String, Object> call = new HashMap<>();
        call.put("channel", "PHONE");
        call.put("caller", Map.of("phone", uniquePhone()));
        call.put("location", Map.of("wardCode", SampleEvents.LAI_THIEU));
        call.put("needs", List.of("FOOD"));
        String code = given().auth().oauth2(AGENT).contentType(ContentType.JSON).body(call).post("/api/v1/calls")
                .then().statusCode(201).extract().path("code");
        given().get("/open311/v2/requests/{id}.json", code).then().statusCode(404);
        given().queryParam("service_request_id", code).get("/open311/v2/requests.json").then().statusCode(200)
                .body("size()", equalTo(0));
    }

    @Test
    void anUnknownKeyIsRefusedAndOpensNothing() {
        String phone = uniquePhone();
        post(form("not-a-key", "FOOD", phone)).then().statusCode(401).contentType("application/problem+json");
        assertThat(openCasesOf(phone)).isZero();
    }

    /** Without a partner's key: nothing opens until the code texted to the phone comes back, then exactly once. */
    @Test
    void withoutAKeyTheRequestWaitsForItsPhonesCodeThenOpensOnce() {
        String phone = uniquePhone();
        ConsumerTask<String, String> intake = companion.consumeStrings().fromTopics(Topics.INTAKE);
        String token;
        try {
            Response asked = post(form(null, "FOOD", phone).with("attribute[household_size]", "3"));
            asked.then().statusCode(202);
            assertThat(asked.jsonPath().getMap("[0]").keySet()).containsExactlyInAnyOrder("token", "service_notice");
            token = asked.jsonPath().getString("[0].token");
            String code = RecipientCode.phoneConfirmation(secret, UUID.fromString(token));

            // Notification is asked to text the phone; the code itself is nowhere on the topic.
            ConsumerRecord<String, String> published = await().atMost(PATIENCE).until(() -> intake.stream()
                    .filter(r -> token.equals(r.key())).findFirst().orElse(null), r -> r != null);
            assertThat(new String(published.headers().lastHeader("ce_type").value(), StandardCharsets.UTF_8))
                    .isEqualTo(EventType.PHONE_CONFIRMATION_REQUESTED.ceType());
            PhoneConfirmationRequested event = (PhoneConfirmationRequested) EventJson.fromJson(published.value(),
                    EventType.PHONE_CONFIRMATION_REQUESTED);
            assertThat(event.phone()).isEqualTo(phone);
            assertThat(published.value()).doesNotContain(code);
        } finally {
            intake.stop();
        }
        given().get("/open311/v2/tokens/{token}.json", token).then().statusCode(200)
                .body("[0].token", equalTo(token)).body("[0].service_request_id", nullValue());
        assertThat(openCasesOf(phone)).isZero();

        String code = RecipientCode.phoneConfirmation(secret, UUID.fromString(token));
        confirm(token, wrong(code)).then().statusCode(400).body("errors.field", hasItem("code"));
        String caseCode = confirm(token, code).then().statusCode(200).body("[0].token", equalTo(token)).extract()
                .path("[0].service_request_id");
        assertThat(caseCode).matches("BD-\\d{8}-\\d{4}-[A-HJKMNP-Z2-9]{3}");
        confirm(token, code).then().statusCode(200).body("[0].service_request_id", equalTo(caseCode));
        assertThat(openCasesOf(phone)).isEqualTo(1);
        given().auth().oauth2(AGENT).get("/api/v1/cases/{code}", caseCode).then().statusCode(200)
                .body("channel", equalTo("WEB")).body("householdSize", equalTo(3));
        given().get("/open311/v2/tokens/{token}.json", token).then().body("[0].service_request_id",
                equalTo(caseCode));
        given().get("/open311/v2/requests/{id}.json", caseCode).then().statusCode(200)
                .body("[0].service_code", equalTo("FOOD"));
        // Once the case is open the request keeps neither the phone nor the request.
        assertThat(keptPhones(token)).isZero();
    }

    @Test
    void fiveWrongCodesLockTheRequestAndAnExpiredOneOpensNothing() {
        String phone = uniquePhone();
        String token = post(form(null, "FOOD", phone)).then().statusCode(202).extract().path("[0].token");
        String code = RecipientCode.phoneConfirmation(secret, UUID.fromString(token));
        for (int i = 0; i < 4; i++) {
            confirm(token, wrong(code)).then().statusCode(400);
        }
        confirm(token, wrong(code)).then().statusCode(429);
        confirm(token, code).then().statusCode(429);
        assertThat(openCasesOf(phone)).isZero();

        String phone2 = uniquePhone();
        String late = post(form(null, "FOOD", phone2)).then().statusCode(202).extract().path("[0].token");
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "update web_request set expires_at = now() - interval '1 minute' where request_id = ?1")
                .setParameter(1, UUID.fromString(late)).executeUpdate());
        assertThat(webRequests.eraseExpired()).isPositive();
        assertThat(keptPhones(late)).isZero();
        confirm(late, RecipientCode.phoneConfirmation(secret, UUID.fromString(late))).then().statusCode(410);
        assertThat(openCasesOf(phone2)).isZero();
        given().get("/open311/v2/tokens/{token}.json", UUID.randomUUID().toString()).then().statusCode(404);
    }

    private long openCasesOf(String phone) {
        return given().auth().oauth2(AGENT).queryParam("q", phone).get("/api/v1/cases").then().statusCode(200)
                .extract().jsonPath().getList("$").size();
    }

    private long keptPhones(String token) {
        return ((Number) QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "select count(*) from web_request where request_id = ?1 and (phone is not null or request is not null)")
                .setParameter(1, UUID.fromString(token)).getSingleResult())).longValue();
    }

    private static Response confirm(String token, String code) {
        return given().contentType(ContentType.URLENC.withCharset(StandardCharsets.UTF_8)).formParam("code", code)
                .post("/open311/v2/tokens/{token}/confirmation.json", token);
    }

    private static String wrong(String code) {
        return "%06d".formatted((Integer.parseInt(code) + 1) % 1_000_000);
    }

    @Test
    void badInputIsRefusedFieldByFieldAndOpensNothing() {
        String phone = uniquePhone();
        post(form(KEY, "PIZZA", phone)).then().statusCode(400).body("errors.field", hasItem("service_code"));
        post(form(KEY, "FOOD", phone).with("address_id", "12")).then().statusCode(400)
                .body("errors.field", hasItem("address_id"));
        post(form(KEY, "FOOD", "1234567")).then().statusCode(400).body("errors.field", hasItem("phone"));
        post(form(KEY, "FOOD", phone).with("attribute[household_size]", "99999999999999999999")).then()
                .statusCode(400).body("errors.field", hasItem("attribute[household_size]"));
        post(form(KEY, "FOOD", phone).with("lat", "1e400")).then().statusCode(400);
        post(form(KEY, "FOOD", phone).with("description", "gạo\u0000")).then().statusCode(400);
        given().queryParam("start_date", "+999999999-01-01T00:00:00Z").get("/open311/v2/requests.json").then()
                .statusCode(400).body("errors.field", hasItem("start_date"));
        given().queryParam("start_date", "2021-01-01").queryParam("end_date", "2021-12-31")
                .get("/open311/v2/requests.json").then().statusCode(400);
        given().queryParam("status", "maybe").get("/open311/v2/requests.json").then().statusCode(400)
                .body("errors.field", hasItem("status"));
        given().get("/open311/v2/requests/{id}.json", "not-a-code").then().statusCode(400);
        assertThat(openCasesOf(phone)).isZero();
    }

    @Test
    void aPhoneAndAPartnerHaveAnHourlyBudget() {
        String phone = uniquePhone();
        for (int i = 0; i < 3; i++) {
            // The first opens a case; the next wait for a callback (the app only names the phone).
            post(form(KEY, "FOOD", phone)).then().statusCode(i == 0 ? 201 : 202);
        }
        post(form(KEY, "FOOD", phone)).then().statusCode(429).contentType("application/problem+json");

        // A partner app posting for many phones: its own budget (12 an hour in tests), then 429 whatever the phone.
        for (int i = 0; i < 12; i++) {
            post(form("open311-flood-key", "INFORMATION", uniquePhone())).then().statusCode(201);
        }
        post(form("open311-flood-key", "INFORMATION", uniquePhone())).then().statusCode(429);
        // Other partners are not held back by it.
        post(form(KEY, "INFORMATION", uniquePhone())).then().statusCode(201);
    }

    private static Response post(Form form) {
        return given().contentType(ContentType.URLENC.withCharset(StandardCharsets.UTF_8)).formParams(form.params)
                .post("/open311/v2/requests.json");
    }

    private static Form form(String key, String service, String phone) {
        // No specific address: requests from different phones must not join one household's case here.
        Form f = new Form().with("service_code", service).with("address_id", SampleEvents.LAI_THIEU)
                .with("phone", spaced(phone));
        return key == null ? f : f.with("api_key", key);
    }

    /** Form parameters in the order the test writes them. */
    private static final class Form {
        final Map<String, String> params = new java.util.LinkedHashMap<>();

        Form with(String name, String value) {
            params.put(name, value);
            return this;
        }
    }

    /** The way people type it in an app: spaces between groups. */
    private static String spaced(String phone) {
        return phone.substring(0, 4) + " " + phone.substring(4, 7) + " " + phone.substring(7);
    }

    private static String uniquePhone() {
        return "096" + "%07d".formatted(ThreadLocalRandom.current().nextInt(10_000_000));
    }
}
