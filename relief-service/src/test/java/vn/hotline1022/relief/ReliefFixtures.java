package vn.hotline1022.relief;

import static io.restassured.RestAssured.given;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import vn.hotline1022.commons.security.Roles;
import vn.hotline1022.events.common.Caller;
import vn.hotline1022.events.common.ContactChannel;
import vn.hotline1022.events.common.Location;
import vn.hotline1022.events.common.Need;
import vn.hotline1022.events.common.Vulnerability;
import vn.hotline1022.events.intake.CallReceived;
import vn.hotline1022.testkit.TestTokens;

/** Calls, programmes and requests the relief tests share. */
public final class ReliefFixtures {

    private ReliefFixtures() {
    }

    /** Every 2-digit province code: the tests' officer works nationwide, each test in a province of its own. */
    public static final List<String> EVERY_PROVINCE = java.util.stream.IntStream.range(1, 100)
            .mapToObj(i -> String.format("%02d", i)).toList();

    /** Every request of the test class as a relief officer (of every province) who also has the ops role. */
    public static void signInAsOfficer() {
        RestAssured.authentication = RestAssured.oauth2(TestTokens.user("relief1", Roles.RELIEF_OFFICER, Roles.OPS)
                .claim("province_codes", EVERY_PROVINCE).sign());
    }

    /** An officer of some districts of one province. */
    public static String districtOfficer(String username, String province, String... districts) {
        return TestTokens.user(username, Roles.RELIEF_OFFICER).claim("province_codes", List.of(province))
                .claim("district_codes", List.of(districts)).sign();
    }

    /** Runs every task at the same instant, each on its own thread, as several instances would; waits for all. */
    public static void allAtOnce(List<Runnable> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> running = new ArrayList<>();
            for (Runnable task : tasks) {
                running.add(pool.submit(() -> {
                    start.await();
                    task.run();
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : running) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** A call from a given phone; SampleEvents always uses the same number. */
    public static CallReceived call(String province, String district, String ward, String phone, Need... needs) {
        // One house per number, so that different numbers are never near-identical addresses.
        return call(province, district, ward, phone, "Nhà " + phone.replaceAll("\\D", "") + ", tổ 3, khu phố 2",
                needs);
    }

    public static CallReceived call(String province, String district, String ward, String phone, String address,
            Need... needs) {
        return call(province, district, ward, phone, address, 3, Set.of(), needs);
    }

    /** A call that says how many the household is and who in it is at higher risk. */
    public static CallReceived call(String province, String district, String ward, String phone, int members,
            Set<Vulnerability> vulnerabilities, Need... needs) {
        return call(province, district, ward, phone, "Nhà " + phone.replaceAll("\\D", "") + ", tổ 3, khu phố 2",
                members, vulnerabilities, needs);
    }

    private static CallReceived call(String province, String district, String ward, String phone, String address,
            int members, Set<Vulnerability> vulnerabilities, Need... needs) {
        UUID caseId = UUID.randomUUID();
        return new CallReceived(caseId, "HT-" + caseId.toString().substring(0, 8), Instant.now(), UUID.randomUUID(),
                ContactChannel.PHONE, new Caller("Trần Thị Bình", phone),
                new Location(province, district, ward, address, null, null), List.of(needs), members,
                vulnerabilities, 40, null, "agent-11");
    }

    public static Map<String, Object> programme(String code, String provinceCode, List<String> needs, int cap,
            int stock) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("code", code, "name", "Gói " + code,
                "provinceCode", provinceCode, "needs", needs,
                "items", List.of(Map.of("itemType", "RICE", "quantity", 10, "unit", "kg")),
                "perHouseholdCap", cap, "stock", stock));
        return body;
    }

    public static void post(String path, Object body, int status) {
        given().contentType(ContentType.JSON).body(body).post(path).then().statusCode(status);
    }
}
