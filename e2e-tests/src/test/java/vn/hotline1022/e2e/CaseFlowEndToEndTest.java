package vn.hotline1022.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.Test;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import vn.hotline1022.events.EventJson;
import vn.hotline1022.events.EventType;
import vn.hotline1022.events.notification.NotificationSent;
import vn.hotline1022.localstack.Keycloak;
import vn.hotline1022.localstack.LocalStack;
import vn.hotline1022.infra.Ports;

/**
 * The system as it runs for real: six service processes, one Kafka broker, one PostgreSQL with a database per
 * service, demo data loaded through the APIs. Only the REST APIs and the topics are touched.
 */
@ExtendWith(SharedStack.class)
class CaseFlowEndToEndTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final AtomicInteger PHONES = new AtomicInteger();
    private static LocalStack stack;

    @BeforeAll
    static void useTheSystem() {
        stack = SharedStack.stack();
        // Real tokens from the realm's demo users: every call below goes through the services' role checks.
        RestAssured.authentication = RestAssured.oauth2(stack.token("agent1"));
    }

    @Test
    void aCallFansOutToATeamAHospitalAndReliefAndEveryStepIsOnTheTimeline() {
        String code = postCall("25966", List.of("EMERGENCY_TRANSPORT", "HOSPITAL_ADMISSION", "FOOD"));
        UUID caseId = caseId(code);

        awaitTimeline(code, "CallReceived", "TeamDispatched", "PatientReferred", "ReliefScheduled");

        // The hospital accepts; the household gets its package.
        // Lái Thiêu is in Thuận An: the district hospital (74002, the demo user hospital2) is asked first.
        String hospital2 = stack.token("hospital2");
        String referralId = given().auth().oauth2(hospital2).queryParam("caseId", caseId)
                .get(stack.url("referral-service") + "/api/v1/referrals").then().statusCode(200)
                .extract().path("find { it.status == 'PENDING' }.id");
        assertThat(referralId).as("a pending referral visible to hospital 74002").isNotNull();
        // Another hospital's staff cannot answer it.
        given().auth().oauth2(stack.token("hospital1")).contentType(ContentType.JSON)
                .body(Map.of("bedLabel", "A-1"))
                .post(stack.url("referral-service") + "/api/v1/referrals/{id}/acceptance", referralId)
                .then().statusCode(404);
        given().auth().oauth2(hospital2).contentType(ContentType.JSON).body(Map.of("bedLabel", "Khoa Hồi sức, giường 12"))
                .post(stack.url("referral-service") + "/api/v1/referrals/{id}/acceptance", referralId)
                .then().statusCode(200);
        // The household shows the volunteer the receipt code its phone was texted.
        CaseSteps.deliverTheReliefOf(stack, caseId);

        JsonPath finalCase = awaitTimeline(code, "ReferralAccepted", "ReliefDelivered");
        assertThat(finalCase.getString("status")).isEqualTo("IN_PROGRESS");
        assertThat(finalCase.getString("timeline.find { it.type == 'TeamDispatched' }.summary"))
                .isEqualTo("Đã điều tổ Tổ PƯN Lái Thiêu (cùng phường/xã)");
        assertThat(finalCase.getString("timeline.find { it.type == 'TeamDispatched' }.summaryEn"))
                .isEqualTo("Team Tổ PƯN Lái Thiêu dispatched (SAME_WARD)");

        // The accepted patient is taken to the hospital: the visiting team finishes, an ambulance with oxygen (the
        // bed is an oxygen bed) is sent, picks the patient up and hands them over; the hospital has them admitted.
        CaseSteps.freeTheTeamOf(stack, caseId);
        CaseSteps.handOverThePatientOf(stack, caseId);
        JsonPath admitted = awaitTimeline(code, "TransportDispatched", "PatientPickedUp", "PatientHandedOver",
                "PatientAdmitted");
        assertThat(admitted.getList("timeline.type", String.class)).containsSubsequence("ReferralAccepted",
                "TransportDispatched", "PatientPickedUp", "PatientHandedOver", "PatientAdmitted");
        given().auth().oauth2(hospital2).get(stack.url("referral-service") + "/api/v1/referrals/{id}", referralId)
                .then().statusCode(200).body("status", org.hamcrest.Matchers.equalTo("COMPLETED"));
        // Every need has its outcome: the case came home by itself.
        JsonPath resolved = awaitTimeline(code, "CaseResolved");
        assertThat(resolved.getString("status")).isEqualTo("RESOLVED");
        assertThat(resolved.getString("timeline.find { it.type == 'CaseResolved' }.summary"))
                .startsWith("Mọi nhu cầu đã có kết quả");

        // The citizen was told at every step: the call, the team, the bed, the ambulance on its way, the admission,
        // the relief scheduled and delivered.
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(given().queryParam("caseId", caseId)
                .get(stack.url("notification-service") + "/api/v1/notifications").then().statusCode(200)
                .extract().<String> jsonPath().getList("eventType", String.class))
                .hasSize(8).contains("TransportDispatched", "DispatchCompleted", "PatientAdmitted"));

        // Every event exactly once on the topics, keyed by the case.
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(
                CaseEvents.countByName(stack.kafkaBootstrapServers(), caseId))
                .containsEntry("CallReceived", 1L)
                .containsEntry("TeamDispatched", 1L)
                .containsEntry("PatientReferred", 1L)
                .containsEntry("ReferralAccepted", 1L)
                .containsEntry("ReliefScheduled", 1L)
                .containsEntry("ReliefDelivered", 1L)
                .containsEntry("TransportDispatched", 1L)
                .containsEntry("PatientHandedOver", 1L)
                .containsEntry("PatientAdmitted", 1L)
                .containsEntry("NotificationSent", 8L)
                .containsEntry("CaseResolved", 1L)); // every need reached its outcome: resolved once

        // The call is one trace: intake's request, dispatch's handling of CallReceived and the notices about the team
        // each ran in a span of their own, and the W3C context went with each event through the outbox and Kafka.
        List<ConsumerRecord<String, String>> records = CaseEvents.read(stack.kafkaBootstrapServers(), caseId);
        ConsumerRecord<String, String> callReceived = only(records, "CallReceived");
        CaseEvents.Trace call = CaseEvents.Trace.of(callReceived);
        CaseEvents.Trace dispatch = CaseEvents.Trace.of(only(records, "TeamDispatched"));
        List<CaseEvents.Trace> noticesOfTheTeam = records.stream()
                .filter(r -> CaseEvents.eventName(r).equals("NotificationSent"))
                .filter(r -> EventJson.fromJson(r.value(), NotificationSent.class).sourceEventType()
                        .equals(EventType.TEAM_DISPATCHED.ceType()))
                .map(CaseEvents.Trace::of).toList();
        assertThat(call).as("CallReceived's traceparent").isNotNull();
        assertThat(CaseEvents.header(callReceived, "ce_traceparent"))
                .as("the CloudEvents distributed-tracing extension").isEqualTo(CaseEvents.header(callReceived,
                        "traceparent"));
        assertThat(dispatch).as("TeamDispatched's traceparent").isNotNull();
        assertThat(dispatch.traceId()).isEqualTo(call.traceId());
        assertThat(noticesOfTheTeam).as("NotificationSent about the team").isNotEmpty().doesNotContainNull()
                .allSatisfy(n -> assertThat(n.traceId()).isEqualTo(call.traceId()));
        List<String> spans = new ArrayList<>(List.of(call.spanId(), dispatch.spanId()));
        noticesOfTheTeam.forEach(n -> spans.add(n.spanId()));
        assertThat(spans).doesNotHaveDuplicates();
    }

    private static ConsumerRecord<String, String> only(List<ConsumerRecord<String, String>> records, String name) {
        List<ConsumerRecord<String, String>> named = records.stream().filter(r -> CaseEvents.eventName(r).equals(name))
                .toList();
        assertThat(named).as(name).hasSize(1);
        return named.get(0);
    }

    /**
     * A violation report goes to the ward's officials (Lái Thiêu): the ward official signs in to Keycloak, finds it in
     * their list (the district official of Thuận An sees it too; an official of nowhere sees nothing), takes it,
     * records a verification visit and resolves it; every step is on the case's timeline and on intake's topic once.
     */
    @Test
    void anOfficialVerifiesAndResolvesAViolationReport() {
        String code = postCall("25966", List.of("VIOLATION_REPORT"));
        UUID caseId = caseId(code);
        String officials = stack.url("intake-service") + "/api/v1/officials/cases";
        String ward = stack.token("official.ward1");
        String district = stack.token("official.district1");
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(given().auth().oauth2(ward)
                .queryParam("kind", "VIOLATION").get(officials).then().statusCode(200).extract()
                .<String> jsonPath().getList("code", String.class)).contains(code));
        assertThat(given().auth().oauth2(district).queryParam("kind", "VIOLATION").get(officials).then()
                .statusCode(200).extract().<String> jsonPath().getList("code", String.class)).contains(code);
        // Agents are not officials.
        given().get(officials).then().statusCode(403);

        given().auth().oauth2(ward).post(officials + "/{code}/ownership", code).then().statusCode(200);
        given().auth().oauth2(district).contentType(ContentType.JSON)
                .body(Map.of("outcome", "Đã xử lý"))
                .post(officials + "/{code}/resolution", code).then().statusCode(409);
        given().auth().oauth2(ward).contentType(ContentType.JSON)
                .body(Map.of("outcome", "VALID", "actionTaken", "Lập biên bản, yêu cầu dừng tụ tập",
                        "visitedAt", java.time.Instant.now().toString()))
                .post(officials + "/{code}/verification", code).then().statusCode(200);
        given().auth().oauth2(ward).contentType(ContentType.JSON)
                .body(Map.of("outcome", "Đã xử lý tại chỗ, hộ dân cam kết không tái phạm"))
                .post(officials + "/{code}/resolution", code).then().statusCode(200);

        JsonPath resolved = awaitTimeline(code, "CaseOwnerAssigned", "CaseVerified", "CaseResolved");
        assertThat(resolved.getString("status")).isEqualTo("RESOLVED");
        assertThat(resolved.getList("timeline.type", String.class)).containsSubsequence("CallReceived",
                "CaseOwnerAssigned", "CaseVerified", "CaseResolved");
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(
                CaseEvents.countByName(stack.kafkaBootstrapServers(), caseId))
                .containsEntry("CaseOwnerAssigned", 1L)
                .containsEntry("CaseVerified", 1L)
                .containsEntry("CaseResolved", 1L));
    }

    /**
     * The realm's own defences, against the real Keycloak: the console's public client has no password grant, guessing
     * a password locks the account for a while, weak passwords are refused, and a hospital's own system signs in with
     * its confidential client and sees only its hospital.
     */
    @Test
    void theIdentityProviderLocksGuessersAndHospitalSystemsSeeOnlyTheirHospital() {
        Keycloak keycloak = stack.keycloak();
        // No password grant on the console's public client: a stolen password cannot be scripted through it.
        var refused = keycloak.tokenRequest(Map.of("grant_type", "password", "client_id", "hotline1022-console",
                "username", "agent1", "password", "agent1-demo"), keycloak.tokenEndpoint());
        assertThat(refused.statusCode()).isIn(400, 401);
        assertThat(refused.body()).contains("unauthorized_client");

        String admin = keycloak.adminToken();
        String users = keycloak.url() + "/admin/realms/" + Keycloak.REALM + "/users";
        // The password policy: too short is refused.
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("username", "weak-" + UUID.randomUUID(),
                "enabled", true, "credentials", List.of(Map.of("type", "password", "value", "abc", "temporary",
                        false)))).post(users).then().statusCode(400);
        // Brute force: five wrong passwords, then even the right one is refused, and the account shows as locked.
        String username = "guessed-" + UUID.randomUUID().toString().substring(0, 8);
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("username", username, "enabled", true,
                "email", username + "@example.org", "firstName", "Guessed", "lastName", "User", "emailVerified", true,
                "credentials", List.of(Map.of("type", "password", "value", "Right-password-42", "temporary", false))))
                .post(users).then().statusCode(201);
        assertThat(keycloak.tokenRequest(password(username, "Right-password-42"), keycloak.tokenEndpoint())
                .statusCode()).isEqualTo(200);
        for (int i = 0; i < 5; i++) { // 401, or 400 once Keycloak has locked the account
            assertThat(keycloak.tokenRequest(password(username, "wrong-" + i), keycloak.tokenEndpoint())
                    .statusCode()).isIn(400, 401);
        }
        assertThat(keycloak.tokenRequest(password(username, "Right-password-42"), keycloak.tokenEndpoint())
                .statusCode()).isNotEqualTo(200);
        String userId = given().auth().oauth2(admin).queryParam("username", username).queryParam("exact", true)
                .get(users).then().statusCode(200).extract().path("[0].id");
        given().auth().oauth2(admin).get(keycloak.url() + "/admin/realms/" + Keycloak.REALM
                + "/attack-detection/brute-force/users/{id}", userId).then().statusCode(200)
                .body("disabled", org.hamcrest.Matchers.equalTo(true));

        // A hospital's system: client credentials, its hospital only.
        String system = keycloak.clientToken("hospital-74001-system", "local-demo-hospital-74001-secret");
        // Hiệp Thành, in Thủ Dầu Một: the provincial hospital (74001) is asked first.
        String mine = postCall("25741", List.of("HOSPITAL_ADMISSION"));
        UUID mineId = caseId(mine);
        String referralId = await().atMost(PATIENCE).until(() -> given().auth().oauth2(system)
                .queryParam("caseId", mineId).get(stack.url("referral-service") + "/api/v1/referrals").then()
                .statusCode(200).extract().<String> path("find { it.status == 'PENDING' }.id"), id -> id != null);
        String hospital74001 = given().auth().oauth2(stack.token("hospital1")).queryParam("caseId", mineId)
                .get(stack.url("referral-service") + "/api/v1/referrals").then().statusCode(200).extract()
                .path("[0].hospitalId");
        List<String> seen = given().auth().oauth2(system).get(stack.url("referral-service") + "/api/v1/referrals")
                .then().statusCode(200).extract().path("hospitalId");
        assertThat(seen).isNotEmpty().containsOnly(hospital74001);
        // Dĩ An: the district's field hospital (74003) is asked first; hospital 74001's system sees nothing of it.
        String theirs = postCall("25945", List.of("HOSPITAL_ADMISSION"));
        UUID theirsId = caseId(theirs);
        String admin1 = stack.token("admin1");
        String otherReferral = await().atMost(PATIENCE).until(() -> given().auth().oauth2(admin1)
                .queryParam("caseId", theirsId).get(stack.url("referral-service") + "/api/v1/referrals").then()
                .statusCode(200).extract().<String> path("find { it.status == 'PENDING' }.id"), id -> id != null);
        assertThat(given().auth().oauth2(admin1).get(stack.url("referral-service") + "/api/v1/referrals/{id}",
                otherReferral).then().statusCode(200).extract().<String> path("hospitalId")).isNotEqualTo(hospital74001);
        given().auth().oauth2(system).queryParam("caseId", theirsId)
                .get(stack.url("referral-service") + "/api/v1/referrals").then().statusCode(200)
                .body("size()", org.hamcrest.Matchers.equalTo(0));
        given().auth().oauth2(system).contentType(ContentType.JSON).body(Map.of("bedLabel", "A-1"))
                .post(stack.url("referral-service") + "/api/v1/referrals/{id}/acceptance", otherReferral).then()
                .statusCode(404);
        given().auth().oauth2(system).contentType(ContentType.JSON).body(Map.of("bedLabel", "HSTC-03"))
                .post(stack.url("referral-service") + "/api/v1/referrals/{id}/acceptance", referralId).then()
                .statusCode(200);
        awaitTimeline(mine, "ReferralAccepted");
        // The two teams this test sent, and the ambulance taking the accepted patient, are free again for the others.
        CaseSteps.freeTheTeamOf(stack, mineId);
        CaseSteps.freeTheTeamOf(stack, theirsId);
        CaseSteps.handOverThePatientOf(stack, mineId);
    }

    /**
     * A routine visit waits for a dispatcher; the same phone calls again because the patient now needs an ambulance:
     * the repeat call adds the need (CaseNeedsChanged) and dispatch sends a team at once, without a dispatcher.
     */
    @Test
    void aRepeatCallThatAddsAnEmergencyGetsTheQueuedCaseATeam() {
        String phone = "097" + (1_000_000 + PHONES.incrementAndGet());
        String code = postCall("25747", List.of("MEDICAL_CONSULTATION"), "Lê Văn Tám", phone);
        awaitTimeline(code, "DispatchQueued");
        String again = postCall("25747", List.of("EMERGENCY_TRANSPORT"), "Lê Văn Tám", phone);
        assertThat(again).isEqualTo(code);
        JsonPath c = awaitTimeline(code, "RepeatCallLinked", "CaseNeedsChanged", "TeamDispatched");
        assertThat(c.getList("needs", String.class)).contains("MEDICAL_CONSULTATION", "EMERGENCY_TRANSPORT");
        CaseSteps.freeTheTeamOf(stack, caseId(code));
    }

    private static Map<String, String> password(String username, String password) {
        return Map.of("grant_type", "password", "client_id", Keycloak.E2E_CLIENT, "client_secret",
                Keycloak.E2E_CLIENT_SECRET, "username", username, "password", password);
    }

    /** In production a service refuses to start on a secret left out or left at the public value in the sources. */
    @Test
    void aServiceRefusesToStartWithoutItsSecrets() throws IOException {
        Map<String, String> changes = new HashMap<>();
        changes.put("HOTLINE_RELIEF_PHONE_SALT", null);
        changes.put("HOTLINE_RECIPIENT_CODE_SECRET", "local-demo-recipient-code-secret");
        var relief = stack.launchInstance("relief-service", "relief-without-secrets", Ports.free(), changes);
        java.util.OptionalInt exit = relief.awaitExit(Duration.ofSeconds(90));
        assertThat(exit).as("exits by itself").isPresent();
        assertThat(exit.getAsInt()).as("exit code").isNotZero();
        assertThat(Files.readString(relief.logFile(), StandardCharsets.UTF_8))
                .contains("Refusing to start without its secrets")
                .contains("HOTLINE_RELIEF_PHONE_SALT") // not set here: the development default is refused
                .contains("HOTLINE_RECIPIENT_CODE_SECRET is the public development value");
        // The stack's own relief-service, started with this install's generated secrets, runs.
        given().get(stack.url("relief-service") + "/q/health/ready").then().statusCode(200);
    }

    @Test
    void noTokenNoAccess() {
        given().auth().none().get(stack.url("intake-service") + "/api/v1/cases").then().statusCode(401);
        given().auth().oauth2(stack.token("hospital1")).get(stack.url("intake-service") + "/api/v1/cases").then()
                .statusCode(403);
    }

    @Test
    void aCaseStillCompletesOnceWhenServicesAreKilledMidFlow() {
        // Dispatch is down when the call comes in; intake dies right after accepting it.
        stack.kill("dispatch-service");
        String code = postCall("25942", List.of("EMERGENCY_TRANSPORT"));
        stack.kill("intake-service");

        stack.restart("intake-service");
        UUID caseId = caseId(code); // the accepted call survived the crash
        stack.restart("dispatch-service");

        awaitTimeline(code, "CallReceived", "TeamDispatched");
        assertThat(given().auth().oauth2(stack.token("dispatcher1")).queryParam("caseId", caseId)
                .get(stack.url("dispatch-service") + "/api/v1/assignments")
                .then().statusCode(200).extract().<List<?>> path("")).hasSize(1);
        assertThat(CaseEvents.countByName(stack.kafkaBootstrapServers(), caseId)).containsEntry("TeamDispatched", 1L);
    }

    /**
     * A call goes through every service (a team, a hospital, relief, notices, a lookup by the citizen, a wrong phone,
     * a repeat call), then every service's log is read: the caller's number, in
     * any of its forms, and name are in none of them, while the case itself is.
     */
    @Test
    void callersPhoneNumbersAndNamesNeverReachTheLogs() throws IOException {
        String name = "Đoàn Thị Nhật Ký";
        String phone = "097" + (2_000_000 + PHONES.incrementAndGet());
        // Hiệp Thành, in Thủ Dầu Một: its team is not the one the other tests here send.
        String code = postCall("25741", List.of("EMERGENCY_TRANSPORT", "HOSPITAL_ADMISSION", "FOOD"), name, phone);
        UUID caseId = caseId(code);
        awaitTimeline(code, "CallReceived", "TeamDispatched", "PatientReferred", "ReliefScheduled");
        String international = "+84 " + phone.substring(1, 3) + " " + phone.substring(3);
        given().auth().none().contentType(ContentType.JSON).body(Map.of("phone", international))
                .post(stack.url("intake-service") + "/api/v1/public/cases/{code}/lookup", code).then().statusCode(200);
        given().auth().none().contentType(ContentType.JSON).body(Map.of("phone", "0912000000"))
                .post(stack.url("intake-service") + "/api/v1/public/cases/{code}/lookup", code).then().statusCode(404);
        // The same family again: linked to the open case, not a new one.
        assertThat(postCall("25741", List.of("FOOD"), name, international)).isEqualTo(code);
        awaitTimeline(code, "RepeatCallLinked");
        // The notices went out (the console channel logs each one): the call, the team, the relief.
        await().atMost(PATIENCE).until(() -> given().queryParam("caseId", caseId)
                .get(stack.url("notification-service") + "/api/v1/notifications").then().statusCode(200)
                .extract().jsonPath().getList("sourceEventType", String.class).size() >= 3);

        String digits = phone.substring(1); // 97xxxxxxx: inside 097…, +8497…, 8497… alike
        String spaced = phone.substring(1, 3) + " " + phone.substring(3);
        String folded = java.text.Normalizer.normalize(name, java.text.Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .replace('Đ', 'D').replace('đ', 'd');
        List<Path> logs;
        try (var files = Files.list(stack.logs())) {
            logs = files.filter(f -> f.getFileName().toString().matches(".*-service.*\\.log")).sorted().toList();
        }
        assertThat(logs).as("a log per service").hasSizeGreaterThanOrEqualTo(LocalStack.SERVICES.size());
        String everything = "";
        for (Path log : logs) {
            String text = Files.readString(log, StandardCharsets.UTF_8);
            everything += text;
            assertThat(text).as(log.getFileName().toString()).doesNotContain(digits, spaced, name, folded);
        }
        assertThat(everything).as("the logs do tell the case's story").contains(code);
    }

    /**
     * An agent in a real browser: signs in at Keycloak, is told what is wrong with an incomplete call (the API's field
     * errors, next to the fields), opens the case, and watches the team and the relief appear on its timeline.
     */
    @Test
    void anAgentTakesACallInTheConsoleAndWatchesTheCaseUnfold() {
        try (Browser browser = Browser.start()) {
            WebDriver page = browser.driver;
            var patiently = browser.waitUpTo(PATIENCE);
            page.get(stack.consoleUrl());
            patiently.until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys("agent1");
            page.findElement(By.id("password")).sendKeys("agent1-demo");
            page.findElement(By.id("kc-login")).click();
            try {
                patiently.until(ExpectedConditions.visibilityOfElementLocated(By.id("call-form")));
            } catch (org.openqa.selenium.TimeoutException e) {
                throw new AssertionError("the console did not open: " + page.findElement(By.id("status")).getText()
                        + "\n" + browser.consoleLog(), e);
            }
            assertThat(page.findElement(By.id("user")).getText()).startsWith("agent1").contains("call-agent");

            // Bến Cát: its own team, not the one the other tests here send.
            new Select(page.findElement(By.name("district"))).selectByValue("721");
            patiently.until(ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("select[name='location.wardCode'] option[value='25813']")));
            new Select(page.findElement(By.name("location.wardCode"))).selectByValue("25813");
            page.findElement(By.name("caller.name")).sendKeys("Phạm Văn Trình");
            page.findElement(By.cssSelector("#call-form button[type=submit]")).click();
            // No phone, no need: the API's field errors, shown where they belong; no case is opened.
            assertThat(patiently.until(ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector(".error[data-field='caller.phone']"))).getText()).isNotBlank();
            assertThat(page.findElement(By.cssSelector(".error[data-field='needs']")).getText()).isNotBlank();
            assertThat(page.findElement(By.id("case")).isDisplayed()).isFalse();

            page.findElement(By.name("caller.phone")).sendKeys("0274 " + (3_000_000 + PHONES.incrementAndGet()));
            page.findElement(By.cssSelector("input[name=needs][value=EMERGENCY_TRANSPORT]")).click();
            page.findElement(By.cssSelector("input[name=needs][value=FOOD]")).click();
            page.findElement(By.cssSelector("#call-form button[type=submit]")).click();
            String code = patiently.until(d -> {
                String shown = d.findElement(By.id("case-code")).getText();
                return shown.matches("BD-\\d{8}-\\d{4,}-[A-HJKMNP-Z2-9]{3}") ? shown : null;
            });
            patiently.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#timeline li[data-type=TeamDispatched]")));
            patiently.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#timeline li[data-type=ReliefScheduled]")));
            patiently.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#queue tr[data-code='" + code + "']")));
            browser.screenshot("agent-console");

            // The case the browser opened is the API's, taken by the agent who signed in.
            JsonPath opened = given().get(stack.url("intake-service") + "/api/v1/cases/{code}", code).then()
                    .statusCode(200).extract().jsonPath();
            assertThat(opened.getString("agentId")).isEqualTo("agent1");
            assertThat(opened.getString("location.wardCode")).isEqualTo("25813");
            assertThat(opened.getList("needs", String.class)).contains("EMERGENCY_TRANSPORT", "FOOD");
        }
    }

    /**
     * A shift-long session in the agent console: when the Keycloak session ends, the call half typed is back after
     * signing in again; while it lasts, the page renews its token silently (no trip to the sign-in page) and the call
     * is then sent with the new one, which is when the saved draft goes.
     */
    @Test
    void anAgentsHalfTypedCallSurvivesASignInAndTheTokenRenewsSilently() throws InterruptedException {
        try (Browser browser = Browser.start()) {
            WebDriver page = browser.driver;
            JavascriptExecutor js = (JavascriptExecutor) page;
            var patiently = browser.waitUpTo(PATIENCE);
            page.get(stack.consoleUrl());
            signInToTheConsole(browser, "agent1", "agent1-demo");

            // Half a call: a place, a caller, one need, answered on the phone; not sent.
            new Select(page.findElement(By.name("district"))).selectByValue("721");
            patiently.until(ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("select[name='location.wardCode'] option[value='25813']")));
            new Select(page.findElement(By.name("location.wardCode"))).selectByValue("25813");
            String phone = "0274 " + (3_000_000 + PHONES.incrementAndGet());
            page.findElement(By.name("caller.name")).sendKeys("Lê Thị Dang Dở");
            page.findElement(By.name("caller.phone")).sendKeys(phone);
            page.findElement(By.cssSelector("input[name=needs][value=INFORMATION]")).click();
            page.findElement(By.name("answeredOnCall")).click();
            String draft = patiently.until(d -> (String) js.executeScript(
                    "const d = sessionStorage.getItem('hotline1022.callDraft'); return d && d.includes('"
                            + phone + "') && d.includes('answeredOnCall') ? d : null;"));
            assertThat(draft).contains("Lê Thị Dang Dở", "INFORMATION", "25813").doesNotContain("eyJ"); // no token

            // The session ends in Keycloak (as after the idle timeout): the page's renewal is refused, so it goes to
            // the sign-in page itself, saving the draft on its way.
            Keycloak keycloak = stack.keycloak();
            String admin = keycloak.adminToken();
            String users = keycloak.url() + "/admin/realms/" + Keycloak.REALM + "/users";
            String agentId = given().auth().oauth2(admin).queryParam("username", "agent1").queryParam("exact", true)
                    .get(users).then().statusCode(200).extract().path("[0].id");
            given().auth().oauth2(admin).post(users + "/{id}/logout", agentId).then().statusCode(204);
            js.executeScript("window.hotlineSession.refreshNow();");
            signInToTheConsole(browser, "agent1", "agent1-demo"); // waits for Keycloak's form: it must have come
            assertThat(page.findElement(By.id("draft-restored")).isDisplayed()).isTrue();
            assertThat(page.findElement(By.name("caller.name")).getAttribute("value")).isEqualTo("Lê Thị Dang Dở");
            assertThat(page.findElement(By.name("caller.phone")).getAttribute("value")).isEqualTo(phone);
            assertThat(page.findElement(By.cssSelector("input[name=needs][value=INFORMATION]")).isSelected()).isTrue();
            assertThat(page.findElement(By.cssSelector("input[name=needs][value=FOOD]")).isSelected()).isFalse();
            assertThat(page.findElement(By.name("answeredOnCall")).isSelected()).isTrue();
            assertThat(new Select(page.findElement(By.name("location.wardCode"))).getFirstSelectedOption()
                    .getAttribute("value")).isEqualTo("25813");

            // Silent renewal: a new token (issued later, a new id), same session, and the page never left.
            js.executeScript("window.stillTheSamePage = true;");
            @SuppressWarnings("unchecked")
            Map<String, Object> before = (Map<String, Object>) js.executeScript("return window.hotlineSession.claims();");
            // A token issued in a later second than the one held (iat counts whole seconds).
            long issuedAt = ((Number) before.get("iat")).longValue();
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                    .until(() -> java.time.Instant.now().getEpochSecond() > issuedAt);
            assertThat(js.executeAsyncScript("const done = arguments[arguments.length - 1];"
                    + "window.hotlineSession.refreshNow().then(() => done('renewed'), (e) => done(String(e)));"))
                    .isEqualTo("renewed");
            @SuppressWarnings("unchecked")
            Map<String, Object> after = (Map<String, Object>) js.executeScript("return window.hotlineSession.claims();");
            assertThat(((Number) after.get("iat")).longValue()).isGreaterThan(((Number) before.get("iat")).longValue());
            assertThat(((Number) after.get("exp")).longValue()).isGreaterThan(((Number) before.get("exp")).longValue());
            assertThat(after.get("jti")).isNotNull().isNotEqualTo(before.get("jti"));
            assertThat(after.get("sid")).isEqualTo(before.get("sid"));

            // The restored call, sent with the renewed token: intake takes it, and only now is the draft gone.
            page.findElement(By.cssSelector("#call-form button[type=submit]")).click();
            String code = patiently.until(d -> {
                String shown = d.findElement(By.id("case-code")).getText();
                return shown.matches("BD-\\d{8}-\\d{4,}-[A-HJKMNP-Z2-9]{3}") ? shown : null;
            });
            assertThat(js.executeScript("return sessionStorage.getItem('hotline1022.callDraft');")).isNull();
            assertThat(page.findElement(By.id("draft-restored")).isDisplayed()).isFalse();
            assertThat(js.executeScript("return window.stillTheSamePage === true;")).isEqualTo(true);
            assertThat(page.getCurrentUrl()).startsWith(stack.consoleUrl()).doesNotContain(keycloak.url());
            JsonPath opened = given().get(stack.url("intake-service") + "/api/v1/cases/{code}", code).then()
                    .statusCode(200).extract().jsonPath();
            assertThat(opened.getString("agentId")).isEqualTo("agent1");
            assertThat(opened.getList("needs", String.class)).containsExactly("INFORMATION");
        }
    }

    /** Fills in Keycloak's sign-in form (which must come) and waits for the console to open. */
    private static void signInToTheConsole(Browser browser, String username, String password) {
        WebDriver page = browser.driver;
        var patiently = browser.waitUpTo(PATIENCE);
        WebElement user = patiently.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
        user.clear();
        user.sendKeys(username);
        page.findElement(By.id("password")).sendKeys(password);
        page.findElement(By.id("kc-login")).click();
        try {
            patiently.until(ExpectedConditions.visibilityOfElementLocated(By.id("call-form")));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("the console did not open: " + page.findElement(By.id("status")).getText()
                    + "\n" + browser.consoleLog(), e);
        }
    }

    /**
     * A hospital's staff in a real browser: sign in, see the patient 1022 asks them to take, get the API's field error
     * for an answer without a bed, accept with one, and the case's timeline shows the acceptance.
     */
    @Test
    void aHospitalAcceptsAPatientInTheConsole() {
        // Hiệp Thành, in Thủ Dầu Một: the provincial hospital (74001, the demo user hospital1) is asked first.
        String code = postCall("25741", List.of("HOSPITAL_ADMISSION"));
        awaitTimeline(code, "PatientReferred");
        try (Browser browser = Browser.start()) {
            WebDriver page = browser.driver;
            var patiently = browser.waitUpTo(PATIENCE);
            page.get(stack.consoleUrl() + "/hospital.html");
            patiently.until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys("hospital1");
            page.findElement(By.id("password")).sendKeys("hospital1-demo");
            page.findElement(By.id("kc-login")).click();
            By card = By.cssSelector("article.referral[data-case='" + code + "']");
            WebElement referral;
            try {
                referral = patiently.until(ExpectedConditions.visibilityOfElementLocated(card));
            } catch (org.openqa.selenium.TimeoutException e) {
                throw new AssertionError("no referral card for " + code + ": "
                        + page.findElement(By.id("status")).getText() + "\n" + browser.consoleLog(), e);
            }
            assertThat(page.findElement(By.id("user")).getText()).startsWith("hospital1").contains("hospital-staff");

            referral.findElement(By.cssSelector("form.accept button")).click(); // no bed given
            String bedError = patiently.until(d -> {
                String shown = d.findElement(card).findElement(By.cssSelector(".error[data-field=bedLabel]")).getText();
                return shown.isBlank() ? null : shown;
            });
            assertThat(bedError).isNotBlank();

            referral.findElement(By.name("bedLabel")).sendKeys("Khoa Hồi sức, giường 7");
            referral.findElement(By.cssSelector("form.accept button")).click();
            patiently.until(ExpectedConditions.invisibilityOfElementLocated(card));
            WebElement answered = patiently.until(ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector("#answered tr[data-case='" + code + "']")));
            assertThat(answered.getAttribute("data-status")).isEqualTo("ACCEPTED"); // shown as "Đã nhận bệnh nhân"
            assertThat(answered.getText()).contains("Đã nhận bệnh nhân", "Khoa Hồi sức, giường 7");
            browser.screenshot("hospital-portal");

            // The ambulance hands the patient over (the admission is recorded); ten days later the hospital records
            // the transfer to a central hospital on the same page: the bed is free again, the case says so.
            awaitTimeline(code, "ReferralAccepted");
            CaseSteps.handOverThePatientOf(stack, caseId(code));
            By row = By.cssSelector("#answered tr[data-case='" + code + "']");
            patiently.until(ExpectedConditions.attributeToBe(row, "data-status", "COMPLETED"));
            WebElement discharge = patiently.until(ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector("#answered tr[data-case='" + code + "'] form.discharge")));
            new Select(discharge.findElement(By.name("disposition"))).selectByValue("TRANSFERRED");
            discharge.findElement(By.cssSelector("button")).click(); // no facility code: refused next to the field
            patiently.until(d -> !d.findElement(row).findElement(By.cssSelector(".error[data-field=transferredTo]"))
                    .getText().isBlank());
            page.findElement(row).findElement(By.name("transferredTo")).sendKeys("79001");
            page.findElement(row).findElement(By.cssSelector("form.discharge button")).click();
            patiently.until(ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector("#answered tr[data-case='" + code + "'] td.discharged")));
            assertThat(page.findElement(row).getText()).contains("Chuyển viện → 79001");
        }
        JsonPath left = awaitTimeline(code, "PatientDischarged");
        assertThat(left.getString("tracks.find { it.track == 'HOSPITAL' }.outcome")).isEqualTo("TRANSFERRED");
    }

    /**
     * Ops see the flow and steer it: intake's database refuses one event of a case (as a broken migration would), the
     * event becomes a dead letter with its error; once fixed, ops replay it from the console, the count of waiting
     * letters drops, and the step reaches the case timeline.
     */
    @Test
    void opsReplayADeadLetterFromTheConsoleAndTheStepReachesTheTimeline() throws Exception {
        String code = postCall("25747", List.of("INFORMATION"));
        awaitTimeline(code, "CallReceived");
        UUID caseId = caseId(code);
        var intakeDb = stack.database("intake-service");
        String constraint = "e2e_refuse_" + caseId.toString().substring(0, 8);
        try (var db = java.sql.DriverManager.getConnection(intakeDb.jdbcUrl(), intakeDb.username(),
                intakeDb.password()); var st = db.createStatement()) {
            st.execute("alter table timeline_entry add constraint " + constraint + " check (event_type <> "
                    + "'DispatchQueued' or case_id <> '" + caseId + "') not valid");
        }
        UUID eventId = UUID.randomUUID();
        var queued = new vn.hotline1022.events.dispatch.DispatchQueued(caseId, code, java.time.Instant.now(),
                List.of(vn.hotline1022.events.common.Need.INFORMATION), "25747", "718", 10, "NO_TEAM_IN_WARD");
        var props = new java.util.Properties();
        props.put("bootstrap.servers", stack.kafkaBootstrapServers());
        props.put("key.serializer", org.apache.kafka.common.serialization.StringSerializer.class.getName());
        props.put("value.serializer", org.apache.kafka.common.serialization.StringSerializer.class.getName());
        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<String, String>(props)) {
            producer.send(vn.hotline1022.messaging.cloudevents.CloudEventRecords.of(eventId, queued)).get();
        }
        String ops = stack.token("ops1");
        // Every other service is watched where it really listens: up, with its outbox backlog.
        await().atMost(PATIENCE).untilAsserted(() -> given().auth().oauth2(ops)
                .get(stack.url("ops-service") + "/api/v1/services").then().statusCode(200)
                .body("service", org.hamcrest.Matchers.containsInAnyOrder("intake-service", "dispatch-service",
                        "referral-service", "relief-service", "notification-service"))
                .body("status", org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.equalTo("UP")))
                .body("outboxPending", org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.notNullValue())));
        String letterId = await().atMost(PATIENCE).until(() -> given().auth().oauth2(ops)
                .queryParam("consumer", "intake-service").get(stack.url("ops-service") + "/api/v1/dead-letters")
                .then().statusCode(200).extract().<String> path("find { it.ceId == '" + eventId + "' }.id"),
                id -> id != null);
        assertThat(given().auth().oauth2(ops).get(stack.url("ops-service") + "/api/v1/dead-letters/{id}", letterId)
                .then().statusCode(200).extract().<String> path("error"))
                .contains("intake-service failed 3 times on vn.hotline1022.dispatch.DispatchQueued.v1 " + eventId);
        try (var db = java.sql.DriverManager.getConnection(intakeDb.jdbcUrl(), intakeDb.username(),
                intakeDb.password()); var st = db.createStatement()) {
            st.execute("alter table timeline_entry drop constraint " + constraint);
        }

        try (Browser browser = Browser.start()) {
            WebDriver page = browser.driver;
            var patiently = browser.waitUpTo(PATIENCE);
            page.get(stack.consoleUrl() + "/ops.html");
            patiently.until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys("ops1");
            page.findElement(By.id("password")).sendKeys("ops1-demo");
            page.findElement(By.id("kc-login")).click();
            try {
                // Every service's consumer group on the topics it reads, e.g. intake's on dispatch's topic.
                patiently.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(
                        "#groups tr[data-group='intake-service'][data-topic='hotline.dispatch.events']")));
            } catch (org.openqa.selenium.TimeoutException e) {
                throw new AssertionError("no consumer groups shown: " + page.findElement(By.id("status")).getText()
                        + "\n" + browser.consoleLog(), e);
            }
            // The throughput chart opened with the samples ops-service already kept, not empty until the next one.
            String history = patiently.until(d -> d.findElement(By.id("throughput-chart"))
                    .getAttribute("data-history-points"));
            assertThat(Integer.parseInt(history)).as("throughput points drawn from GET /flow/history").isPositive();
            // The figures come live over server-sent events, not from the 5-s polling kept for when there is none.
            patiently.until(ExpectedConditions.attributeToBe(By.id("live"), "data-mode", "live"));
            By row = By.cssSelector("#dead-letters tr[data-id='" + letterId + "']");
            WebElement letter = patiently.until(ExpectedConditions.visibilityOfElementLocated(row));
            browser.screenshot("ops-console");
            int before = Integer.parseInt(page.findElement(By.id("dead-letter-count")).getText().strip());
            assertThat(before).isPositive();
            letter.findElement(By.cssSelector("button.replay")).click();
            patiently.until(d -> Integer.parseInt(d.findElement(By.id("dead-letter-count")).getText().strip())
                    == before - 1);
        }
        awaitTimeline(code, "DispatchQueued");
        // Each service's memory with the demo stack, for the README; ops-service, which watches the others, must stay
        // under 200 MB (the figure) after serving this page, its live stream and a replay.
        for (String service : LocalStack.SERVICES.keySet()) {
            java.nio.file.Path status = java.nio.file.Path.of("/proc", String.valueOf(stack.service(service).pid()),
                    "status");
            long rssKb = java.nio.file.Files.readAllLines(status).stream().filter(l -> l.startsWith("VmRSS:"))
                    .map(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst().orElseThrow();
            System.out.println("[e2e] " + service + " VmRSS " + rssKb / 1024 + " MB");
            if (service.equals("ops-service")) {
                assertThat(rssKb).as("ops-service RSS in kB").isLessThan(200L * 1024);
            }
        }
        given().auth().oauth2(ops).get(stack.url("ops-service") + "/api/v1/dead-letters/{id}", letterId).then()
                .statusCode(200).body("status", org.hamcrest.Matchers.equalTo("REPLAYED"))
                .body("handledBy", org.hamcrest.Matchers.equalTo("ops1"));
    }

    private static String postCall(String ward, List<String> needs) {
        // A phone of its own per call: a second call from one phone joins the first case (a repeat call).
        return postCall(ward, needs, "Trần Thị Hoa", "098" + (1_000_000 + PHONES.incrementAndGet()));
    }

    private static String postCall(String ward, List<String> needs, String name, String phone) {
        Map<String, Object> call = new HashMap<>();
        call.put("callId", UUID.randomUUID());
        call.put("channel", "PHONE");
        call.put("caller", Map.of("name", name, "phone", phone));
        call.put("location", Map.of("wardCode", ward, "addressText", "Khu phố 3"));
        call.put("needs", needs);
        call.put("householdSize", 5);
        call.put("vulnerabilities", List.of("ELDERLY"));
        call.put("agentId", "agent-e2e");
        return given().contentType(ContentType.JSON).body(call).post(stack.url("intake-service") + "/api/v1/calls")
                .then().statusCode(org.hamcrest.Matchers.oneOf(200, 201)).extract().path("code"); // 200: a repeat call
    }

    private static UUID caseId(String code) {
        return UUID.fromString(given().get(stack.url("intake-service") + "/api/v1/cases/{code}", code).then()
                .statusCode(200).extract().path("id"));
    }

    private static JsonPath awaitTimeline(String code, String... types) {
        return await().atMost(PATIENCE).until(() -> given().get(stack.url("intake-service") + "/api/v1/cases/{code}",
                code).then().statusCode(200).extract().jsonPath(),
                json -> json.getList("timeline.type", String.class).containsAll(List.of(types)));
    }
}
