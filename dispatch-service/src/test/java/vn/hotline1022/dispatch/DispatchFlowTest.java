package vn.hotline1022.dispatch;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import vn.hotline1022.commons.security.Roles;
import vn.hotline1022.dispatch.inbound.IncomingEventsConsumer;
import vn.hotline1022.events.EventJson;
import vn.hotline1022.events.EventType;
import vn.hotline1022.events.Topics;
import vn.hotline1022.events.common.EscalationLevel;
import vn.hotline1022.events.common.Location;
import vn.hotline1022.events.common.Need;
import vn.hotline1022.events.common.ZoneColour;
import vn.hotline1022.events.dispatch.DispatchCompleted;
import vn.hotline1022.events.dispatch.DispatchOutcome;
import vn.hotline1022.events.dispatch.DispatchQueued;
import vn.hotline1022.events.dispatch.TeamDispatched;
import vn.hotline1022.events.intake.CallReceived;
import vn.hotline1022.events.intake.CaseEscalated;
import vn.hotline1022.events.intake.CaseNeedsChanged;
import vn.hotline1022.events.intake.ZoneStatusChanged;
import vn.hotline1022.messaging.cloudevents.CloudEventRecords;
import vn.hotline1022.messaging.inbox.Inbox;
import vn.hotline1022.testkit.KafkaResource;
import vn.hotline1022.testkit.OidcResource;
import vn.hotline1022.testkit.PostgresResource;
import vn.hotline1022.testkit.SampleEvents;
import vn.hotline1022.testkit.TestTokens;

@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(OidcResource.class)
class DispatchFlowTest {

    /** The provinces this class's cases and teams are in: its dispatcher's area. */
    private static final List<String> EVERY_TEST_PROVINCE = java.util.stream.IntStream.rangeClosed(74, 99)
            .mapToObj(String::valueOf).toList();

    @BeforeAll
    static void signInAsDispatcher() {
        RestAssured.authentication = RestAssured.oauth2(
                TestTokens.user("dispatcher1", Roles.DISPATCHER, Roles.OPS)
                        .claim("province_codes", EVERY_TEST_PROVINCE).sign());
    }

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @Inject
    IncomingEventsConsumer consumer;

    @Inject
    Inbox inbox;

    @Test
    void aTeamIsSentQueuedCasesWaitAndTheFreedTeamTakesTheNext() {
        // A Thuận An team with a medic, covering Lái Thiêu; no other team in the whole province is free.
        String teamId = given().contentType(ContentType.JSON)
                .body(Map.of("code", "TA-01", "name", "Tổ PƯN Lái Thiêu", "provinceCode", "74", "homeDistrictCode", "725",
                        "coveredWardCodes", List.of(SampleEvents.LAI_THIEU), "medicalStaff", 1, "vehicle", "AMBULANCE"))
                .post("/api/v1/teams").then().statusCode(201).extract().path("id");

        ConsumerTask<String, String> out = companion.consumeStrings().fromTopics(Topics.DISPATCH);
        try {
            CallReceived first = SampleEvents.callReceived(SampleEvents.THUAN_AN, SampleEvents.LAI_THIEU,
                    Need.EMERGENCY_TRANSPORT);
            var record = CloudEventRecords.of(first);
            companion.produceStrings().fromRecords(record, record).awaitCompletion(PATIENCE); // redelivered

            TeamDispatched dispatched = awaitEvent(out, first.caseId(), EventType.TEAM_DISPATCHED, TeamDispatched.class);
            assertThat(dispatched.teamId().toString()).isEqualTo(teamId);
            assertThat(dispatched.matchedBy()).isEqualTo("SAME_WARD");

            // The only team is busy: the next case waits in the queue.
            CallReceived second = SampleEvents.callReceived(UUID.randomUUID(), SampleEvents.THU_DAU_MOT,
                    SampleEvents.PHU_CUONG, 80, Need.HOSPITAL_ADMISSION);
            companion.produceStrings().fromRecords(CloudEventRecords.of(second)).awaitCompletion(PATIENCE);
            awaitEvent(out, second.caseId(), EventType.DISPATCH_QUEUED, Object.class);

            String assignmentId = given().queryParam("caseId", first.caseId()).get("/api/v1/assignments")
                    .then().statusCode(200).body("size()", equalTo(1)).extract().path("[0].id");

            // The phone app walks the steps in order; a skipped step is refused and changes nothing.
            given().post("/api/v1/assignments/{id}/arrival", assignmentId).then().statusCode(409)
                    .contentType("application/problem+json");
            given().post("/api/v1/assignments/{id}/acceptance", assignmentId).then().statusCode(200)
                    .body("status", equalTo("ACCEPTED")).body("acceptedAt", notNullValue());
            given().post("/api/v1/assignments/{id}/acceptance", assignmentId).then().statusCode(409);
            given().get("/api/v1/teams/TA-01").then().statusCode(200).body("status", equalTo("DISPATCHED"));
            given().post("/api/v1/assignments/{id}/departure", assignmentId).then().statusCode(200)
                    .body("status", equalTo("EN_ROUTE")).body("enRouteAt", notNullValue());
            given().get("/api/v1/teams/TA-01").then().body("status", equalTo("EN_ROUTE"));
            given().contentType(ContentType.JSON).body(Map.of("outcome", "RESOLVED_ON_SITE"))
                    .post("/api/v1/assignments/{id}/completion", assignmentId).then().statusCode(409);
            given().post("/api/v1/assignments/{id}/arrival", assignmentId).then().statusCode(200)
                    .body("status", equalTo("ARRIVED")).body("arrivedAt", notNullValue());
            given().get("/api/v1/teams/TA-01").then().body("status", equalTo("ON_SCENE"));
            awaitEvent(out, first.caseId(), EventType.TEAM_ARRIVED, Object.class);
            given().post("/api/v1/assignments/{id}/arrival", assignmentId).then().statusCode(409)
                    .contentType("application/problem+json");

            given().contentType(ContentType.JSON)
                    .body(Map.of("outcome", "NEEDS_HOSPITAL", "clinicalNotes",
                            Map.of("spo2", 89, "symptoms", "khó thở", "severity", "SEVERE"),
                            "followUpNeeds", List.of("HOSPITAL_ADMISSION", "FOOD")))
                    .post("/api/v1/assignments/{id}/completion", assignmentId).then().statusCode(200)
                    .body("status", equalTo("COMPLETED")).body("completedAt", notNullValue())
                    .body("dispatchedAt", notNullValue()).body("followUpNeeds", hasItem("FOOD"));
            given().contentType(ContentType.JSON).body(Map.of("outcome", "RESOLVED_ON_SITE"))
                    .post("/api/v1/assignments/{id}/completion", assignmentId).then().statusCode(409);
            DispatchCompleted completed = awaitEvent(out, first.caseId(), EventType.DISPATCH_COMPLETED,
                    DispatchCompleted.class);
            assertThat(completed.outcome()).isEqualTo(DispatchOutcome.NEEDS_HOSPITAL);
            assertThat(completed.clinicalNotes().spo2()).isEqualTo(89);
            assertThat(completed.followUpNeeds()).containsExactly(Need.HOSPITAL_ADMISSION, Need.FOOD);

            // The freed team drains the queue: mutual aid across districts.
            TeamDispatched next = awaitEvent(out, second.caseId(), EventType.TEAM_DISPATCHED, TeamDispatched.class);
            assertThat(next.teamId().toString()).isEqualTo(teamId);
            assertThat(next.matchedBy()).isEqualTo("MUTUAL_AID");

            // Exactly one dispatch for the first case despite the redelivered event.
            assertThat(out.stream().filter(r -> r.key().equals(first.caseId().toString()))
                    .filter(r -> EventType.TEAM_DISPATCHED.ceType().equals(header(r, "ce_type"))).count())
                    .isEqualTo(1);
        } finally {
            out.stop();
        }
    }

    @Test
    void badInputIsRefusedWithFieldErrors() {
        given().contentType(ContentType.JSON)
                .body(Map.of("code", "x", "name", "", "provinceCode", "7", "homeDistrictCode", "718",
                        "coveredWardCodes", List.of("123"), "medicalStaff", -1, "vehicle", "CAR"))
                .post("/api/v1/teams").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("code"))
                .body("errors.field", hasItem("name"))
                .body("errors.field", hasItem("provinceCode"))
                .body("errors.field", hasItem("medicalStaff"))
                .body("errors.field", hasItem("coveredWardCodes[0]"));
        given().contentType(ContentType.JSON).body(Map.of("outcome", "TELEPORTED"))
                .post("/api/v1/assignments/{id}/completion", UUID.randomUUID()).then().statusCode(400)
                .contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(Map.of("outcome", "RESOLVED_ON_SITE"))
                .post("/api/v1/assignments/{id}/completion", UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json");
        given().contentType(ContentType.JSON)
                .body(Map.of("code", "BAD-01", "name", "Tổ", "provinceCode", "99", "homeDistrictCode", "991",
                        "coveredWardCodes", List.of("99101"), "vehicle", "CAR", "medicalStaff", 2,
                        "members", List.of(Map.of("name", "BS. An", "role", "MEDICAL"), Map.of("name", ""))))
                .post("/api/v1/teams").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("members[1].name"))
                .body("errors.field", hasItem("members[1].role"));
        given().contentType(ContentType.JSON)
                .body(Map.of("code", "BAD-01", "name", "Tổ", "provinceCode", "99", "homeDistrictCode", "991",
                        "coveredWardCodes", List.of("99101"), "vehicle", "CAR", "medicalStaff", 2,
                        "members", List.of(Map.of("name", "BS. An", "role", "MEDICAL"))))
                .post("/api/v1/teams").then().statusCode(400).body("errors.field", hasItem("medicalStaff"));
        given().contentType(ContentType.JSON)
                .body(Map.of("code", "BAD-01", "name", "Tổ", "provinceCode", "99", "homeDistrictCode", "991",
                        "coveredWardCodes", List.of("99101"), "vehicle", "SPACESHIP", "medicalStaff", 1))
                .post("/api/v1/teams").then().statusCode(400).contentType("application/problem+json");
        given().get("/api/v1/teams/BAD-01").then().statusCode(404); // nothing was created
        given().contentType(ContentType.JSON).body(Map.of())
                .post("/api/v1/assignments").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("caseId")).body("errors.field", hasItem("teamCode"));
        given().contentType(ContentType.JSON).body(Map.of("caseId", "not-a-uuid", "teamCode", "TA-01"))
                .post("/api/v1/assignments").then().statusCode(400).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(Map.of("caseId", UUID.randomUUID(), "teamCode", "TA-01"))
                .post("/api/v1/assignments").then().statusCode(404).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(Map.of("status", "FLYING"))
                .put("/api/v1/teams/TA-01/status").then().statusCode(400).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(Map.of())
                .put("/api/v1/teams/TA-01/status").then().statusCode(400).body("errors.field", hasItem("status"));
        given().post("/api/v1/assignments/{id}/acceptance", UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json");
        given().get("/api/v1/cases/{id}/recommendations", UUID.randomUUID()).then().statusCode(404);
        given().get("/api/v1/teams").then().statusCode(200);
    }

    @Test
    void healthOpenApiAndMetricsAreServed() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/openapi?format=json").then().statusCode(200).body("info.title", org.hamcrest.Matchers.notNullValue());
        given().get("/q/metrics").then().statusCode(200);
    }

    @Test
    void teamsAreRankedByPlaceMedicsFirstAndTheDispatcherConfirmsOrOverrides() {
        // Province 91 (a test-only code): four teams around district 901 and one across the border in 902.
        createTeam("R91-W", "91", "901", List.of("90101"), List.of(member("Lê Văn Tài", "DRIVER"),
                member("Phạm Thị Hoa", "VOLUNTEER")), List.of(), false); // covers the ward but has no medic
        createTeam("R91-D", "91", "901", List.of("90102"), List.of(member("BS. Trần Thị Bình", "MEDICAL"),
                member("Võ Văn Cường", "DRIVER")), List.of("PROTECTIVE_KIT"), false);
        createTeam("R91-M", "91", "902", List.of("90201"), List.of(member("ĐD. Nguyễn Thị Mai", "MEDICAL")),
                List.of("OXYGEN"), false);
        createTeam("R91-R", "91", "901", List.of("90101"), List.of(member("BS. Đỗ Minh", "MEDICAL"),
                member("YS. Hồ Lan", "MEDICAL")), List.of("OXYGEN", "PROTECTIVE_KIT"), true);
        given().get("/api/v1/teams/R91-W").then().statusCode(200).body("medicalStaff", equalTo(0))
                .body("members.name", hasItem("Lê Văn Tài")).body("members.role", hasItem("VOLUNTEER"));

        ConsumerTask<String, String> out = companion.consumeStrings().fromTopics(Topics.DISPATCH);
        try {
            // Not an emergency: it waits for a dispatcher, who sees the ranked list.
            CallReceived consult = call("91", "901", "90101", 40, Need.MEDICAL_CONSULTATION);
            produce(consult);
            DispatchQueued waiting = awaitEvent(out, consult.caseId(), EventType.DISPATCH_QUEUED, DispatchQueued.class);
            assertThat(waiting.reason()).isEqualTo("AWAITING_DISPATCHER");
            given().get("/api/v1/cases/{id}/recommendations", consult.caseId()).then().statusCode(200)
                    .body("teams.teamCode", contains("R91-D", "R91-M", "R91-R")) // never R91-W: no medic on board
                    .body("teams.matchedBy", contains("SAME_DISTRICT", "MUTUAL_AID", "PROVINCIAL_RESERVE"))
                    .body("teams[0].rank", equalTo(1));

            newAssignment(consult.caseId(), "R91-W").then().statusCode(409).contentType("application/problem+json");
            // The dispatcher overrides the first choice and sends the neighbouring district's team.
            newAssignment(consult.caseId(), "R91-M").then().statusCode(201).body("automatic", equalTo(false))
                    .body("dispatcherId", equalTo("dispatcher1")).body("teamCode", equalTo("R91-M"));
            TeamDispatched manual = awaitEvent(out, consult.caseId(), EventType.TEAM_DISPATCHED, TeamDispatched.class);
            assertThat(manual.automatic()).isFalse();
            assertThat(manual.dispatcherId()).isEqualTo("dispatcher1");
            assertThat(manual.matchedBy()).isEqualTo("MUTUAL_AID");
            newAssignment(consult.caseId(), "R91-D").then().statusCode(409); // one live assignment per case
            given().get("/api/v1/cases/{id}/recommendations", consult.caseId()).then().statusCode(409);

            // Emergencies go out automatically: the district's medic team, then the reserve (never the medic-less one).
            CallReceived transport = call("91", "901", "90101", 50, Need.EMERGENCY_TRANSPORT);
            produce(transport);
            TeamDispatched auto = awaitEvent(out, transport.caseId(), EventType.TEAM_DISPATCHED, TeamDispatched.class);
            assertThat(auto.automatic()).isTrue();
            assertThat(auto.matchedBy()).isEqualTo("SAME_DISTRICT");
            assertThat(auto.teamName()).isEqualTo("Tổ R91-D");
            CallReceived oxygen = call("91", "902", "90201", 60, Need.OXYGEN_SUPPORT);
            produce(oxygen);
            assertThat(awaitEvent(out, oxygen.caseId(), EventType.TEAM_DISPATCHED, TeamDispatched.class).matchedBy())
                    .isEqualTo("PROVINCIAL_RESERVE");

            // Every medic team is busy. Ward 90103 turns red: its case is served first although its priority is lower.
            companion.produceStrings().fromRecords(CloudEventRecords.of(new ZoneStatusChanged("91", "901", "90103",
                    ZoneColour.ORANGE, ZoneColour.RED, Instant.now(), "bcd-91", "new cluster")))
                    .awaitCompletion(PATIENCE);
            CallReceived green = call("91", "901", "90102", 95, Need.EMERGENCY_TRANSPORT);
            CallReceived red = call("91", "901", "90103", 55, Need.EMERGENCY_TRANSPORT);
            produce(green);
            produce(red);
            awaitEvent(out, green.caseId(), EventType.DISPATCH_QUEUED, Object.class);
            awaitEvent(out, red.caseId(), EventType.DISPATCH_QUEUED, Object.class);
            await().atMost(PATIENCE).untilAsserted(() -> given().queryParam("provinceCode", "91").get("/api/v1/board")
                    .then().statusCode(200)
                    .body("queue.caseCode", contains(red.caseCode(), green.caseCode()))
                    .body("queue[0].zone", equalTo("RED")));
            given().queryParam("provinceCode", "91").get("/api/v1/board").then()
                    .body("queue[1].waitingSeconds", greaterThanOrEqualTo(0))
                    .body("queue[1].reason", equalTo("NO_TEAM_AVAILABLE"))
                    .body("teamsByStatus.AVAILABLE", equalTo(1)) // R91-W, useless to a medical need
                    .body("teamsByStatus.DISPATCHED", equalTo(3))
                    .body("capacity.find { it.districtCode == '901' }.available", equalTo(1))
                    .body("capacity.find { it.districtCode == '901' }.busy", equalTo(2))
                    .body("capacity.find { it.districtCode == '902' }.busy", equalTo(1))
                    .body("teams.find { it.code == 'R91-M' }.caseCode", equalTo(consult.caseCode()));

            // A new team comes on shift and takes the red-zone case at once; the other keeps waiting.
            String newTeam = createTeam("R91-N", "91", "901", List.of("90104"),
                    List.of(member("BS. Lý Thị Ngọc", "MEDICAL")), List.of(), false);
            TeamDispatched drained = awaitEvent(out, red.caseId(), EventType.TEAM_DISPATCHED, TeamDispatched.class);
            assertThat(drained.teamId().toString()).isEqualTo(newTeam);
            given().queryParam("provinceCode", "91").get("/api/v1/board").then()
                    .body("queue.caseCode", contains(green.caseCode()));
        } finally {
            out.stop();
        }
    }

    @Test
    void aTeamGoesOffDutyComesBackAndEscalatedCasesBecomeEmergencies() {
        createTeam("S92-A", "92", "921", List.of("92101"), List.of(member("BS. Vũ Hải", "MEDICAL"),
                member("Tạ Văn Long", "SECURITY")), List.of("OXYGEN"), false);
        String own = TestTokens.user("s92a", Roles.TEAM_MEMBER).claim("team_code", "S92-A").sign();
        String other = TestTokens.user("r91w", Roles.TEAM_MEMBER).claim("team_code", "R91-W").sign();
        given().auth().oauth2(other).contentType(ContentType.JSON).body(Map.of("status", "OFF_DUTY"))
                .put("/api/v1/teams/S92-A/status").then().statusCode(404);
        given().auth().oauth2(own).contentType(ContentType.JSON).body(Map.of("status", "OFF_DUTY"))
                .put("/api/v1/teams/S92-A/status").then().statusCode(200).body("status", equalTo("OFF_DUTY"));
        given().contentType(ContentType.JSON).body(Map.of("status", "ON_SCENE"))
                .put("/api/v1/teams/S92-A/status").then().statusCode(400).body("errors.field", hasItem("status"));

        ConsumerTask<String, String> out = companion.consumeStrings().fromTopics(Topics.DISPATCH);
        try {
            CallReceived emergency = call("92", "921", "92101", 80, Need.HOSPITAL_ADMISSION); // by priority
            CallReceived routine = call("92", "921", "92101", 30, Need.MEDICAL_CONSULTATION);
            produce(emergency);
            produce(routine);
            awaitEvent(out, emergency.caseId(), EventType.DISPATCH_QUEUED, Object.class);
            awaitEvent(out, routine.caseId(), EventType.DISPATCH_QUEUED, Object.class);

            // Back on shift: the waiting emergency is taken at once; the routine case still waits for a dispatcher.
            given().auth().oauth2(own).contentType(ContentType.JSON).body(Map.of("status", "AVAILABLE"))
                    .put("/api/v1/teams/S92-A/status").then().statusCode(200).body("status", equalTo("DISPATCHED"));
            awaitEvent(out, emergency.caseId(), EventType.TEAM_DISPATCHED, Object.class);
            given().contentType(ContentType.JSON).body(Map.of("status", "OFF_DUTY"))
                    .put("/api/v1/teams/S92-A/status").then().statusCode(409);

            String id = given().auth().oauth2(own).queryParam("caseId", emergency.caseId()).get("/api/v1/assignments")
                    .then().statusCode(200).extract().path("[0].id");
            for (String step : List.of("acceptance", "departure", "arrival")) {
                given().auth().oauth2(own).post("/api/v1/assignments/{id}/" + step, id).then().statusCode(200);
            }
            given().auth().oauth2(own).contentType(ContentType.JSON)
                    .body(Map.of("outcome", "RESOLVED_ON_SITE", "returning", true))
                    .post("/api/v1/assignments/{id}/completion", id).then().statusCode(200);
            given().get("/api/v1/teams/S92-A").then().body("status", equalTo("RETURNING"));

            // The routine case is escalated to an emergency; the only team is returning to base, so it waits for it.
            produce(new CaseEscalated(routine.caseId(), routine.caseCode(), Instant.now(), EscalationLevel.DISTRICT,
                    "waited too long", routine.needs(), routine.location(), 90));
            await().atMost(PATIENCE).untilAsserted(() -> given().queryParam("provinceCode", "92").get("/api/v1/board")
                    .then().body("queue[0].emergency", equalTo(true)).body("queue[0].priority", equalTo(90)));
            given().auth().oauth2(own).contentType(ContentType.JSON).body(Map.of("status", "AVAILABLE"))
                    .put("/api/v1/teams/S92-A/status").then().statusCode(200).body("status", equalTo("DISPATCHED"));
            TeamDispatched d = awaitEvent(out, routine.caseId(), EventType.TEAM_DISPATCHED, TeamDispatched.class);
            assertThat(d.automatic()).isTrue();
            assertThat(d.matchedBy()).isEqualTo("SAME_WARD");
        } finally {
            out.stop();
        }
    }

    /**
     * A routine case waits for a dispatcher; the household calls again and now needs an ambulance (CaseNeedsChanged):
     * it is sent at once, once, however often the event arrives (redelivered, and re-published under a new id).
     */
    @Test
    void aRepeatCallThatAddsAnEmergencySendsTheWaitingCaseATeamOnce() {
        createTeam("N95-A", "95", "951", List.of("95101"), List.of(member("BS. Lê Thu", "MEDICAL")),
                List.of("OXYGEN"), false);
        ConsumerTask<String, String> out = companion.consumeStrings().fromTopics(Topics.DISPATCH);
        try {
            CallReceived routine = call("95", "951", "95101", 30, Need.MEDICAL_CONSULTATION);
            produce(routine);
            awaitEvent(out, routine.caseId(), EventType.DISPATCH_QUEUED, Object.class);

            CaseNeedsChanged worse = new CaseNeedsChanged(routine.caseId(), routine.caseCode(), Instant.now(),
                    List.of(Need.EMERGENCY_TRANSPORT), List.of(Need.MEDICAL_CONSULTATION, Need.EMERGENCY_TRANSPORT),
                    routine.location(), 100);
            var once = CloudEventRecords.of(worse);
            companion.produceStrings().fromRecords(once, once, CloudEventRecords.of(worse))
                    .awaitCompletion(PATIENCE);
            TeamDispatched d = awaitEvent(out, routine.caseId(), EventType.TEAM_DISPATCHED, TeamDispatched.class);
            assertThat(d.automatic()).isTrue();
            // Every copy handled: still one assignment, one TeamDispatched.
            await().atMost(PATIENCE).untilAsserted(() -> given().queryParam("provinceCode", "95").get("/api/v1/board")
                    .then().statusCode(200).body("queue.findAll { it.caseId == '" + routine.caseId() + "' }.size()",
                            equalTo(0)));
            given().queryParam("caseId", routine.caseId()).get("/api/v1/assignments").then().statusCode(200)
                    .body("size()", equalTo(1));
            assertThat(out.stream().filter(r -> r.key().equals(routine.caseId().toString())
                    && EventType.TEAM_DISPATCHED.ceType().equals(header(r, "ce_type")))).hasSize(1);
        } finally {
            out.stop();
        }
    }

    /**
     * A routine case waits; the household calls again with an emergency while no team is free in its province: the
     * case is queued again as an emergency, and the new DispatchQueued (reason, higher priority) tells intake's
     * timeline that the new emergency was heard; copies of the event say nothing more.
     */
    @Test
    void aRepeatCallThatAddsAnEmergencyWhileNoTeamIsFreeIsSaidOnce() {
        ConsumerTask<String, String> out = companion.consumeStrings().fromTopics(Topics.DISPATCH);
        try {
            CallReceived routine = call("86", "861", "86101", 30, Need.MEDICAL_CONSULTATION);
            produce(routine);
            awaitEvent(out, routine.caseId(), EventType.DISPATCH_QUEUED, Object.class);
            CaseNeedsChanged worse = new CaseNeedsChanged(routine.caseId(), routine.caseCode(), Instant.now(),
                    List.of(Need.EMERGENCY_TRANSPORT), List.of(Need.MEDICAL_CONSULTATION, Need.EMERGENCY_TRANSPORT),
                    routine.location(), 100);
            var once = CloudEventRecords.of(worse);
            companion.produceStrings().fromRecords(once, once, CloudEventRecords.of(worse))
                    .awaitCompletion(PATIENCE);
            List<DispatchQueued> queued = await().atMost(PATIENCE).until(() -> out.stream()
                    .filter(r -> r.key().equals(routine.caseId().toString())
                            && EventType.DISPATCH_QUEUED.ceType().equals(header(r, "ce_type")))
                    .map(r -> (DispatchQueued) EventJson.fromJson(r.value(), EventType.DISPATCH_QUEUED)).toList(),
                    l -> l.size() >= 2);
            assertThat(queued.get(0).reason()).isEqualTo("AWAITING_DISPATCHER");
            assertThat(queued.get(1).reason()).isEqualTo("NO_TEAM_AVAILABLE");
            assertThat(queued.get(1).priority()).isEqualTo(100);
            await().atMost(PATIENCE).untilAsserted(() -> given().queryParam("provinceCode", "86").get("/api/v1/board")
                    .then().statusCode(200).body("queue.find { it.caseId == '" + routine.caseId() + "' }.reason",
                            equalTo("NO_TEAM_AVAILABLE")));
            assertThat(out.stream().filter(r -> r.key().equals(routine.caseId().toString())
                    && EventType.DISPATCH_QUEUED.ceType().equals(header(r, "ce_type")))).hasSize(2);
        } finally {
            out.stop();
        }
    }

    /**
     * Like several instances in one consumer group during a rebalance: every case's CallReceived arrives three times
     * (twice with the same event id, once re-published under a new id), all handled at the same moment by 8 threads.
     * 3 teams, 8 emergencies: exactly 3 dispatched to 3 distinct teams, exactly 5 queued, nothing twice.
     */
    @Test
    void concurrentDeliveriesNeverDoubleAssignACaseOrATeam() throws Exception {
        for (String code : List.of("C93-1", "C93-2", "C93-3")) {
            createTeam(code, "93", "931", List.of("93101"), List.of(member("BS. " + code, "MEDICAL")), List.of(),
                    false);
        }
        List<CallReceived> calls = new ArrayList<>();
        List<ConsumerRecord<String, String>> deliveries = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            CallReceived c = call("93", "931", "93101", 50 + i, Need.EMERGENCY_TRANSPORT);
            calls.add(c);
            UUID eventId = UUID.randomUUID();
            deliveries.add(asConsumed(CloudEventRecords.of(eventId, c)));
            deliveries.add(asConsumed(CloudEventRecords.of(eventId, c)));
            deliveries.add(asConsumed(CloudEventRecords.of(c)));
        }
        Collections.shuffle(deliveries);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (ConsumerRecord<String, String> r : deliveries) {
                done.add(pool.submit(() -> {
                    start.await();
                    inbox.process(r, consumer.intakeHandlers());
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS); // a handler that gave up would throw here
            }
        } finally {
            pool.shutdownNow();
        }

        Set<String> teams = new HashSet<>();
        int dispatched = 0;
        for (CallReceived c : calls) {
            List<String> assigned = given().queryParam("caseId", c.caseId()).get("/api/v1/assignments").then()
                    .statusCode(200).extract().path("teamCode");
            assertThat(assigned).hasSizeLessThanOrEqualTo(1);
            dispatched += assigned.size();
            teams.addAll(assigned);
        }
        assertThat(dispatched).isEqualTo(3);
        assertThat(teams).containsExactlyInAnyOrder("C93-1", "C93-2", "C93-3");
        var board = given().queryParam("provinceCode", "93").get("/api/v1/board").then().statusCode(200).extract();
        List<String> queued = board.path("queue.caseCode");
        assertThat(queued).hasSize(5).doesNotHaveDuplicates();
        List<Integer> priorities = board.path("queue.priority");
        assertThat(priorities).isSortedAccordingTo(Collections.reverseOrder()); // the order the queue drains in
        assertThat(board.<Integer> path("teamsByStatus.DISPATCHED")).isEqualTo(3);

        // Exactly one event per case reaches Kafka: 3 TeamDispatched and 5 DispatchQueued.
        ConsumerTask<String, String> out = companion.consumeStrings().fromTopics(Topics.DISPATCH);
        try {
            Set<String> keys = calls.stream().map(c -> c.caseId().toString()).collect(Collectors.toSet());
            await().atMost(PATIENCE).until(() -> out.stream().filter(r -> keys.contains(r.key())).count() >= 8);
            Map<String, Long> perCase = out.stream().filter(r -> keys.contains(r.key()))
                    .collect(Collectors.groupingBy(ConsumerRecord::key, Collectors.counting()));
            assertThat(perCase).hasSize(8).allSatisfy((k, n) -> assertThat(n).isEqualTo(1));
        } finally {
            out.stop();
        }
    }

    private static ConsumerRecord<String, String> asConsumed(ProducerRecord<String, String> p) {
        return new ConsumerRecord<>(p.topic(), 0, 0L, System.currentTimeMillis(), TimestampType.CREATE_TIME, -1, -1,
                p.key(), p.value(), p.headers(), Optional.empty());
    }

    @Test
    void aTeamOffShiftIsNeitherSentNorOffered() {
        // Shifts relative to the current Vietnam time, so the test holds at any hour (also across midnight).
        LocalTime now = LocalTime.now(ZoneId.of("Asia/Ho_Chi_Minh")).withNano(0);
        // The closer team (covers the ward) is off shift; the district team is on shift.
        given().contentType(ContentType.JSON)
                .body(Map.of("code", "T94-NIGHT", "name", "Tổ ca đêm", "provinceCode", "94", "homeDistrictCode", "941",
                        "coveredWardCodes", List.of("94101"), "vehicle", "AMBULANCE", "medicalStaff", 1,
                        "shiftStart", now.plusHours(2).toString(), "shiftEnd", now.plusHours(3).toString()))
                .post("/api/v1/teams").then().statusCode(201)
                // Always with seconds, as the API writes a time (LocalTime.toString() drops ":00").
                .body("shiftStart", equalTo(now.plusHours(2).format(java.time.format.DateTimeFormatter.ofPattern(
                        "HH:mm:ss"))));
        given().contentType(ContentType.JSON)
                .body(Map.of("code", "T94-DAY", "name", "Tổ ca ngày", "provinceCode", "94", "homeDistrictCode", "941",
                        "coveredWardCodes", List.of("94102"), "vehicle", "AMBULANCE", "medicalStaff", 1,
                        "shiftStart", now.minusHours(1).toString(), "shiftEnd", now.plusHours(1).toString()))
                .post("/api/v1/teams").then().statusCode(201);
        // Half a shift is refused and writes nothing.
        given().contentType(ContentType.JSON)
                .body(Map.of("code", "T94-HALF", "name", "Tổ nửa ca", "provinceCode", "94", "homeDistrictCode", "941",
                        "coveredWardCodes", List.of("94101"), "vehicle", "CAR", "medicalStaff", 1,
                        "shiftStart", "06:00"))
                .post("/api/v1/teams").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("shiftEnd"));
        given().get("/api/v1/teams/T94-HALF").then().statusCode(404);

        ConsumerTask<String, String> out = companion.consumeStrings().fromTopics(Topics.DISPATCH);
        try {
            CallReceived routine = call("94", "941", "94101", 30, Need.MEDICAL_CONSULTATION);
            produce(routine);
            awaitEvent(out, routine.caseId(), EventType.DISPATCH_QUEUED, Object.class);
            given().get("/api/v1/cases/{caseId}/recommendations", routine.caseId()).then().statusCode(200)
                    .body("teams.teamCode", hasItem("T94-DAY")).body("teams.teamCode", not(hasItem("T94-NIGHT")));

            CallReceived emergency = call("94", "941", "94101", 90, Need.EMERGENCY_TRANSPORT);
            produce(emergency);
            TeamDispatched sent = awaitEvent(out, emergency.caseId(), EventType.TEAM_DISPATCHED, TeamDispatched.class);
            assertThat(sent.teamName()).isEqualTo("Tổ ca ngày");
            assertThat(sent.matchedBy()).isEqualTo("SAME_DISTRICT");
        } finally {
            out.stop();
        }
    }

    @Test
    void theBoardAnswersNotModifiedAndAnOverrideKeepsItsReason() {
        // Province 88 (test-only): an empty board has an ETag; asked again with it, nothing has changed.
        String empty = given().queryParam("provinceCode", "88").get("/api/v1/board").then().statusCode(200)
                .header("ETag", notNullValue()).extract().header("ETag");
        given().queryParam("provinceCode", "88").header("If-None-Match", empty).get("/api/v1/board").then()
                .statusCode(304).header("ETag", equalTo(empty));

        createTeam("O88-A", "88", "881", List.of("88101"), List.of(member("BS. Mai Anh", "MEDICAL")),
                List.of("OXYGEN"), false);
        createTeam("O88-B", "88", "881", List.of("88102"), List.of(member("ĐD. Lâm Bảo", "MEDICAL")), List.of(),
                false);
        String withTeams = given().queryParam("provinceCode", "88").header("If-None-Match", empty)
                .get("/api/v1/board").then().statusCode(200)
                .body("teams.find { it.code == 'O88-A' }.vehicle", equalTo("AMBULANCE"))
                .body("teams.find { it.code == 'O88-A' }.equipment", contains("OXYGEN"))
                .body("teams.find { it.code == 'O88-A' }.medicalStaff", equalTo(1))
                .extract().header("ETag");
        assertThat(withTeams).isNotEqualTo(empty);

        ConsumerTask<String, String> out = companion.consumeStrings().fromTopics(Topics.DISPATCH);
        try {
            CallReceived first = call("88", "881", "88101", 40, Need.MEDICAL_CONSULTATION);
            CallReceived second = call("88", "881", "88101", 40, Need.MEDICAL_CONSULTATION);
            produce(first);
            produce(second);
            awaitEvent(out, first.caseId(), EventType.DISPATCH_QUEUED, Object.class);
            awaitEvent(out, second.caseId(), EventType.DISPATCH_QUEUED, Object.class);
            await().atMost(PATIENCE).untilAsserted(() -> given().queryParam("provinceCode", "88")
                    .header("If-None-Match", withTeams).get("/api/v1/board").then().statusCode(200)
                    .body("queue.size()", equalTo(2)));
            given().get("/api/v1/cases/{id}/recommendations", first.caseId()).then().statusCode(200)
                    .body("teams.teamCode", contains("O88-A", "O88-B"));
            // A dispatcher sees the board of their own province only; without a province claim, nothing.
            String of88 = TestTokens.user("dispatcher88", Roles.DISPATCHER).claim("province_codes", List.of("88"))
                    .sign();
            given().auth().oauth2(of88).get("/api/v1/board").then().statusCode(200)
                    .body("queue.size()", equalTo(2)).body("teams.provinceCode", everyItem(equalTo("88")));
            given().auth().oauth2(of88).queryParam("provinceCode", "91").get("/api/v1/board").then().statusCode(403);
            given().auth().oauth2(TestTokens.user("nowhere", Roles.DISPATCHER).sign()).get("/api/v1/board").then()
                    .statusCode(200).body("queue", empty()).body("teams", empty());

            // A reason over 500 characters is refused and sends nobody.
            given().contentType(ContentType.JSON)
                    .body(Map.of("caseId", first.caseId(), "teamCode", "O88-B", "reason", "x".repeat(501)))
                    .post("/api/v1/assignments").then().statusCode(400).contentType("application/problem+json");
            given().get("/api/v1/teams/O88-B").then().body("status", equalTo("AVAILABLE"));

            // The dispatcher sends the second-ranked team, and says why.
            given().contentType(ContentType.JSON)
                    .body(Map.of("caseId", first.caseId(), "teamCode", "O88-B", "reason", "  Tổ A đang thay ca  "))
                    .post("/api/v1/assignments").then().statusCode(201)
                    .body("topRecommendation", equalTo(false)).body("overrideReason", equalTo("Tổ A đang thay ca"));
            given().queryParam("caseId", first.caseId()).get("/api/v1/assignments").then().statusCode(200)
                    .body("[0].teamCode", equalTo("O88-B")).body("[0].dispatcherId", equalTo("dispatcher1"))
                    .body("[0].topRecommendation", equalTo(false))
                    .body("[0].overrideReason", equalTo("Tổ A đang thay ca"));

            // The next case goes to the first recommendation, with no reason needed.
            newAssignment(second.caseId(), "O88-A").then().statusCode(201)
                    .body("topRecommendation", equalTo(true)).body("overrideReason", nullValue());
        } finally {
            out.stop();
        }
    }

    private static Map<String, Object> member(String name, String role) {
        return Map.of("name", name, "role", role);
    }

    private static String createTeam(String code, String province, String district, List<String> wards,
            List<Map<String, Object>> members, List<String> equipment, boolean reserve) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("code", code, "name", "Tổ " + code, "provinceCode", province, "homeDistrictCode", district,
                        "coveredWardCodes", wards, "vehicle", "AMBULANCE", "members", members, "equipment", equipment,
                        "reserve", reserve))
                .post("/api/v1/teams").then().statusCode(201).extract().path("id");
    }

    private static io.restassured.response.Response newAssignment(UUID caseId, String teamCode) {
        return given().contentType(ContentType.JSON).body(Map.of("caseId", caseId, "teamCode", teamCode))
                .post("/api/v1/assignments");
    }

    /** A call from a province of our own, so other tests' teams never serve it. */
    static CallReceived call(String province, String district, String ward, int priority, Need... needs) {
        CallReceived s = SampleEvents.callReceived(district, ward, needs);
        return new CallReceived(s.caseId(), "T" + province + "-" + s.caseId().toString().substring(0, 8),
                s.occurredAt(), s.callId(), s.channel(), s.caller(),
                new Location(province, district, ward, null, null, null), s.needs(), 2, Set.of(), priority, null,
                "agent-01");
    }

    private void produce(vn.hotline1022.events.HotlineEvent event) {
        companion.produceStrings().fromRecords(CloudEventRecords.of(event)).awaitCompletion(PATIENCE);
    }

    private static <T> T awaitEvent(ConsumerTask<String, String> out, UUID caseId, EventType type, Class<T> as) {
        ConsumerRecord<String, String> found = await().atMost(PATIENCE).until(() -> out.stream()
                .filter(r -> r.key().equals(caseId.toString()) && type.ceType().equals(header(r, "ce_type")))
                .findFirst().orElse(null), r -> r != null);
        return as == Object.class ? null : as.cast(EventJson.fromJson(found.value(), type));
    }

    private static String header(ConsumerRecord<String, String> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), java.nio.charset.StandardCharsets.UTF_8);
    }
}
