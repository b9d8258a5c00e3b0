package vn.hotline1022.dispatch;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import vn.hotline1022.commons.security.Roles;
import vn.hotline1022.dispatch.contacts.HouseholdContacts;
import vn.hotline1022.events.common.Caller;
import vn.hotline1022.events.common.ContactChannel;
import vn.hotline1022.events.common.Location;
import vn.hotline1022.events.common.Need;
import vn.hotline1022.events.intake.CallReceived;
import vn.hotline1022.messaging.cloudevents.CloudEventRecords;
import vn.hotline1022.testkit.CapturedLog;
import vn.hotline1022.testkit.KafkaResource;
import vn.hotline1022.testkit.OidcResource;
import vn.hotline1022.testkit.PostgresResource;
import vn.hotline1022.testkit.TestTokens;

/**
 * The household's address and phone (Decree 13/2023): readable by the team sent there and by dispatchers of the area,
 * nobody else; erased after the visit and its grace period. Province 89, used by no other dispatch test.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(OidcResource.class)
class CaseContactTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @Inject
    HouseholdContacts contacts;

    @Inject
    DataSource dataSource;

    private final String ops = TestTokens.user("ops89", Roles.OPS, Roles.ADMIN).sign();
    private final String dispatcher = TestTokens.user("dispatcher89", Roles.DISPATCHER)
            .claim("province_codes", List.of("89")).sign();
    private final String dispatcherElsewhere = TestTokens.user("dispatcher88", Roles.DISPATCHER)
            .claim("province_codes", List.of("88")).sign();
    private final String own = TestTokens.user("team-ag-01", Roles.TEAM_MEMBER).claim("team_code", "AG-01").sign();
    private final String other = TestTokens.user("team-ag-02", Roles.TEAM_MEMBER).claim("team_code", "AG-02").sign();
    private final String agent = TestTokens.user("agent89", Roles.CALL_AGENT).claim("province_codes", List.of("89"))
            .sign();

    @Test
    void theOwnTeamAndDispatchersReadTheContactUntilItIsErasedAfterTheVisit() throws Exception {
        team("AG-01", "891", "89101");
        team("AG-02", "892", "89201");
        CallReceived call = new CallReceived(UUID.randomUUID(), "T89-" + UUID.randomUUID().toString().substring(0, 8),
                Instant.now(), UUID.randomUUID(), ContactChannel.PHONE, new Caller("Nguyễn Văn Bảy", "0912345689"),
                new Location("89", "891", "89101", "Số 12, tổ 3, ấp Bình Hòa", null, null),
                List.of(Need.EMERGENCY_TRANSPORT), 3, Set.of(), 90, "Nhà có người già nằm liệt", "agent-89");
        companion.produceStrings().fromRecords(CloudEventRecords.of(call)).awaitCompletion(PATIENCE);

        String assignmentId = await().atMost(PATIENCE).until(() -> given().auth().oauth2(own)
                .get("/api/v1/teams/AG-01/jobs").then().statusCode(200).extract().<String> path("current.assignmentId"),
                id -> id != null);
        given().auth().oauth2(own).get("/api/v1/teams/AG-01/jobs").then().statusCode(200)
                .body("current.caseCode", equalTo(call.caseCode())).body("current.wardCode", equalTo("89101"))
                .body("current.needs", equalTo(List.of("EMERGENCY_TRANSPORT")))
                .body("current.status", equalTo("DISPATCHED"));

        // The team sent there and a dispatcher of the province read it; another team, another province's dispatcher
        // and a call agent do not.
        for (String reader : List.of(own, dispatcher, ops)) {
            given().auth().oauth2(reader).get("/api/v1/assignments/{id}/contact", assignmentId).then()
                    .statusCode(200).body("addressText", equalTo("Số 12, tổ 3, ấp Bình Hòa"))
                    .body("phone", equalTo("0912345689")).body("callerName", equalTo("Nguyễn Văn Bảy"))
                    .body("notes", equalTo("Nhà có người già nằm liệt")).body("wardCode", equalTo("89101"))
                    .body("caseCode", equalTo(call.caseCode()));
        }
        // Each of the three reads is recorded against its reader (never the data); refused reads are not reads.
        assertThat(contactReads(call.caseCode())).containsExactlyInAnyOrder("team-ag-01", "dispatcher89", "ops89");
        for (String stranger : List.of(other, dispatcherElsewhere)) {
            given().auth().oauth2(stranger).get("/api/v1/assignments/{id}/contact", assignmentId).then()
                    .statusCode(404).contentType("application/problem+json");
        }
        given().auth().oauth2(agent).get("/api/v1/assignments/{id}/contact", assignmentId).then().statusCode(403);
        given().auth().oauth2(other).get("/api/v1/teams/AG-01/jobs").then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(other).get("/api/v1/teams/AG-02/jobs").then().statusCode(200)
                .body("current", nullValue());
        // Bad input: a clear 4xx, never a 500.
        given().auth().oauth2(own).get("/api/v1/assignments/{id}/contact", "not-a-uuid").then()
                .statusCode(org.hamcrest.Matchers.anyOf(equalTo(400), equalTo(404)));
        given().auth().oauth2(own).get("/api/v1/assignments/{id}/contact", UUID.randomUUID()).then()
                .statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(dispatcher).get("/api/v1/teams/{code}/jobs", "NO-SUCH").then().statusCode(404)
                .contentType("application/problem+json");

        // The visit.
        for (String step : List.of("acceptance", "departure", "arrival")) {
            given().auth().oauth2(own).post("/api/v1/assignments/{id}/" + step, assignmentId).then().statusCode(200);
        }
        // While the assignment is live, nothing is erased, however late it is.
        contacts.eraseDue(Instant.now().plus(Duration.ofDays(3)));
        assertThat(personalFields(call.caseId())).containsOnly(true);
        given().auth().oauth2(own).contentType(ContentType.JSON)
                .body(Map.of("outcome", "RESOLVED_ON_SITE", "clinicalNotes", Map.of("spo2", 95)))
                .post("/api/v1/assignments/{id}/completion", assignmentId).then().statusCode(200);

        // During the grace period the team still reads it, and the erasure leaves it alone.
        contacts.eraseDue(Instant.now());
        given().auth().oauth2(own).get("/api/v1/assignments/{id}/contact", assignmentId).then().statusCode(200)
                .body("phone", equalTo("0912345689")).body("assignmentStatus", equalTo("COMPLETED"))
                .body("eraseAfter", notNullValue());
        assertThat(personalFields(call.caseId())).containsOnly(true);

        // After the grace (2 h by default): erased in the database, gone (410) for everyone.
        assertThat(contacts.eraseDue(Instant.now().plus(Duration.ofHours(2)).plusSeconds(60))).isGreaterThan(0);
        assertThat(personalFields(call.caseId())).containsOnly(false);
        for (String reader : List.of(own, dispatcher)) {
            given().auth().oauth2(reader).get("/api/v1/assignments/{id}/contact", assignmentId).then()
                    .statusCode(410).contentType("application/problem+json");
        }
    }

    @Test
    void theContactOfACaseNoTeamIsSentToIsErasedAfterTheUnassignedKeep() throws Exception {
        // A routine consultation waits for a dispatcher in province 90 (no team there): never assigned.
        CallReceived call = new CallReceived(UUID.randomUUID(), "T90-" + UUID.randomUUID().toString().substring(0, 8),
                Instant.now(), UUID.randomUUID(), ContactChannel.PHONE, new Caller("Trần Thị Tám", "0987654390"),
                new Location("90", "909", "90901", "Hẻm 5, khu phố 2", null, null),
                List.of(Need.MEDICAL_CONSULTATION), 1, Set.of(), 20, null, "agent-90");
        companion.produceStrings().fromRecords(CloudEventRecords.of(call)).awaitCompletion(PATIENCE);
        await().atMost(PATIENCE).until(() -> personalFields(call.caseId()).size() == 4);
        assertThat(personalFields(call.caseId())).containsExactly(true, true, true, false); // no notes given

        contacts.eraseDue(Instant.now().plus(Duration.ofHours(23)));
        assertThat(personalFields(call.caseId())).containsExactly(true, true, true, false);
        contacts.eraseDue(Instant.now().plus(Duration.ofHours(24)).plusSeconds(60));
        assertThat(personalFields(call.caseId())).containsOnly(false);
    }

    /**
     * "Never logged": the whole log (every category) while a call goes through, from CallReceived to the erasure, holds
     * the case code (so the capture works) but not the address, the phone, the caller's name or the notes. Province
     * 87, used by no other dispatch test.
     */
    @Test
    void theHouseholdsContactIsNeverLogged() throws Exception {
        String address = "Số 47B, hẻm Cây Me Tây, ấp Rạch Gốc";
        String phone = "0976543187";
        String name = "Lưu Thị Ngọc Diệp";
        String notes = "Cổng sơn màu tím cạnh giếng nước";
        String teamMember = TestTokens.user("team-lg-01", Roles.TEAM_MEMBER).claim("team_code", "LG-01").sign();
        given().auth().oauth2(ops).contentType(ContentType.JSON)
                .body(Map.of("code", "LG-01", "name", "Tổ PƯN LG-01", "provinceCode", "87", "homeDistrictCode",
                        "871", "coveredWardCodes", List.of("87101"), "medicalStaff", 1, "vehicle", "AMBULANCE"))
                .post("/api/v1/teams").then().statusCode(201);
        CallReceived call = new CallReceived(UUID.randomUUID(), "T87-" + UUID.randomUUID().toString().substring(0, 8),
                Instant.now(), UUID.randomUUID(), ContactChannel.PHONE, new Caller(name, phone),
                new Location("87", "871", "87101", address, null, null),
                List.of(Need.EMERGENCY_TRANSPORT), 2, Set.of(), 90, notes, "agent-87");

        try (CapturedLog log = CapturedLog.of("")) {
            companion.produceStrings().fromRecords(CloudEventRecords.of(call)).awaitCompletion(PATIENCE);
            String assignmentId = await().atMost(PATIENCE).until(() -> given().auth().oauth2(teamMember)
                    .get("/api/v1/teams/LG-01/jobs").then().statusCode(200)
                    .extract().<String> path("current.assignmentId"), id -> id != null);
            given().auth().oauth2(teamMember).get("/api/v1/assignments/{id}/contact", assignmentId).then()
                    .statusCode(200).body("addressText", equalTo(address)).body("phone", equalTo(phone))
                    .body("callerName", equalTo(name));
            for (String step : List.of("acceptance", "departure", "arrival")) {
                given().auth().oauth2(teamMember).post("/api/v1/assignments/{id}/" + step, assignmentId).then()
                        .statusCode(200);
            }
            given().auth().oauth2(teamMember).contentType(ContentType.JSON)
                    .body(Map.of("outcome", "RESOLVED_ON_SITE"))
                    .post("/api/v1/assignments/{id}/completion", assignmentId).then().statusCode(200);
            assertThat(contacts.eraseDue(Instant.now().plus(Duration.ofHours(2)).plusSeconds(60))).isGreaterThan(0);
            assertThat(personalFields(call.caseId())).containsOnly(false);
            given().auth().oauth2(teamMember).get("/api/v1/assignments/{id}/contact", assignmentId).then()
                    .statusCode(410);

            String logged = log.all();
            assertThat(logged).contains(call.caseCode());
            assertThat(logged).doesNotContain(address).doesNotContain("Cây Me Tây").doesNotContain("Rạch Gốc");
            // The phone as the event carries it, and its digits as in +84 976543187 or 976-543-187 spelt together.
            assertThat(logged).doesNotContain(phone).doesNotContain("976543187").doesNotContain("+84976543187");
            assertThat(logged).doesNotContain(name).doesNotContain("Ngọc Diệp");
            assertThat(logged).doesNotContain(notes).doesNotContain("sơn màu tím");
        }
    }

    /** Whether address, phone, caller name and notes are still in the row (empty list: no row). */
    /** Who the personal-data read log says was shown the household's contact of this case. */
    private List<String> contactReads(String caseCode) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "select actor from personal_data_read where what = 'HOUSEHOLD_CONTACT' and case_code = ?")) {
            s.setString(1, caseCode);
            try (ResultSet r = s.executeQuery()) {
                List<String> actors = new java.util.ArrayList<>();
                while (r.next()) {
                    actors.add(r.getString(1));
                }
                return actors;
            }
        }
    }

    private List<Boolean> personalFields(UUID caseId) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "select address_text, phone, caller_name, notes from case_contact where case_id = ?")) {
            s.setObject(1, caseId);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return List.of();
                }
                return List.of(r.getString(1) != null, r.getString(2) != null, r.getString(3) != null,
                        r.getString(4) != null);
            }
        }
    }

    private void team(String code, String district, String ward) {
        given().auth().oauth2(ops).contentType(ContentType.JSON)
                .body(Map.of("code", code, "name", "Tổ PƯN " + code, "provinceCode", "89", "homeDistrictCode",
                        district, "coveredWardCodes", List.of(ward), "medicalStaff", 1, "vehicle", "AMBULANCE"))
                .post("/api/v1/teams").then().statusCode(201);
    }
}
