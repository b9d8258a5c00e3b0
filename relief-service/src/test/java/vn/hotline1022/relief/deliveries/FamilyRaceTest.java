package vn.hotline1022.relief.deliveries;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static vn.hotline1022.relief.ReliefFixtures.call;
import static vn.hotline1022.relief.ReliefFixtures.post;
import static vn.hotline1022.relief.ReliefFixtures.programme;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import vn.hotline1022.events.common.Need;
import vn.hotline1022.events.intake.CallReceived;
import vn.hotline1022.relief.ReliefFixtures;
import vn.hotline1022.testkit.KafkaResource;
import vn.hotline1022.testkit.OidcResource;
import vn.hotline1022.testkit.PostgresResource;

/**
 * Two households of one family (two phones, one house) decided at the same instant in two programmes: exactly one is
 * paid. The race is made certain, not left to timing: the test holds the outbox table so that each decision stops at
 * its last statement, after all its checks, until both decisions are in flight.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(OidcResource.class)
class FamilyRaceTest {

    /** Trà Vinh, Châu Thành district, ward 29311. */
    private static final String TRA_VINH = "84";
    private static final String DISTRICT = "847";
    private static final String WARD = "29311";

    @Inject
    Allocator allocator;

    @Inject
    vn.hotline1022.relief.programmes.Programmes programmes;

    @Inject
    AgroalDataSource dataSource;

    @BeforeAll
    static void signIn() {
        ReliefFixtures.signInAsOfficer();
    }

    @Test
    void twoHouseholdsOfOneFamilyAskingTwoProgrammesAtOnceAreServedOnce() throws Exception {
        post("/api/v1/programmes", programme("TV-FOOD-RC", TRA_VINH, List.of("FOOD"), 1, 0), 201); // the Red Cross
        post("/api/v1/programmes", programme("TV-FOOD-MT", TRA_VINH, List.of("FOOD"), 1, 0), 201); // the Front

        // The mother calls while both are empty: she waits for the Red Cross (the older programme).
        CallReceived mother = call(TRA_VINH, DISTRICT, WARD, "0294 3850 001", "Số 9 Đường Nguyễn Đáng, KP.3",
                Need.FOOD);
        QuarkusTransaction.requiringNew().run(() -> allocator.onCallReceived(mother));
        given().queryParam("caseId", mother.caseId()).get("/api/v1/deliveries").then()
                .body("[0].status", equalTo("WAITING")).body("[0].programmeCode", equalTo("TV-FOOD-RC"));
        given().contentType(ContentType.JSON).body(Map.of("quantity", 1))
                .post("/api/v1/programmes/{code}/stock", "TV-FOOD-MT").then().statusCode(200);

        // Her son calls from his phone, same house written his way, as the Red Cross's package arrives.
        CallReceived son = call(TRA_VINH, DISTRICT, WARD, "0294 3850 002", "9 đ. nguyen dang kp3", Need.FOOD);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (Connection holder = dataSource.getConnection(); Connection watcher = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            try (Statement s = holder.createStatement()) {
                s.execute("lock table messaging_outbox in share mode"); // every publish waits, nothing else
            }
            Future<?> sonDecided = pool.submit(
                    () -> QuarkusTransaction.requiringNew().run(() -> allocator.onCallReceived(son)));
            await().atMost(Duration.ofSeconds(30)).until(() -> blockedDecisions(watcher) == 1);
            Future<?> stockArrived = pool.submit(() -> programmes.addStock("TV-FOOD-RC", null, 1));
            // Both decisions are in flight: either both at their publish (no family lock: both would pay), or one
            // at its publish and the other waiting for the family.
            await().atMost(Duration.ofSeconds(30)).until(() -> blockedDecisions(watcher) == 2);
            holder.rollback(); // let them go
            sonDecided.get(30, TimeUnit.SECONDS);
            stockArrived.get(30, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }

        JsonPath sons = deliveries(son);
        JsonPath mothers = deliveries(mother);
        assertThat(List.of(sons.getString("[0].status"), mothers.getString("[0].status")))
                .containsExactlyInAnyOrder("SCHEDULED", "REFUSED");
        // The son's decision held the family first, so the mother's waiting request sees his package.
        assertThat(sons.getString("[0].programmeCode")).isEqualTo("TV-FOOD-MT");
        assertThat(sons.getString("[0].status")).isEqualTo("SCHEDULED");
        assertThat(mothers.getString("[0].reason")).isEqualTo("DUPLICATE");
        assertThat(mothers.getString("[0].duplicateMatch")).isEqualTo("ADDRESS");
        assertThat(mothers.getString("[0].duplicateProgramme")).isEqualTo("TV-FOOD-MT");
        // The Red Cross's package stays in stock for the next family.
        given().queryParam("provinceCode", TRA_VINH).get("/api/v1/programmes").then()
                .body("find { it.code == 'TV-FOOD-RC' }.stock", equalTo(1));
    }

    /** Decisions waiting on a lock at their publish or on a family's lock. */
    private static int blockedDecisions(Connection watcher) throws Exception {
        try (Statement s = watcher.createStatement(); ResultSet rs = s.executeQuery("""
                select count(*) from pg_stat_activity
                 where datname = current_database() and pid <> pg_backend_pid() and wait_event_type = 'Lock'
                   and (query ilike 'insert into messaging_outbox%' or query ilike '%pg_advisory_xact_lock(%')
                """)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static JsonPath deliveries(CallReceived call) {
        return given().queryParam("caseId", call.caseId()).get("/api/v1/deliveries").then().statusCode(200)
                .body("size()", equalTo(1)).extract().jsonPath();
    }
}
