package vn.hotline1022.e2e;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Calls from Lai Châu, as the console sends them (a fresh phone typed with spaces, a household address no other call
 * uses): a field-team need and a relief need, in a province with no demo team, stock or programme, so each is queued
 * or refused — a decision as final as a dispatch — and the shared demo teams of Bình Dương stay free for other tests.
 * Lai Châu is outside the demo agents' province: an administrator ({@code admin1}) takes these calls.
 */
final class OutsideCalls {

    static final String LAI_CHAU_WARD = "03386";
    static final String TAKEN_BY = "admin1";

    private OutsideCalls() {
    }

    static Map<String, Object> call(String callerName, String street) {
        String phone = "09" + "%08d".formatted(ThreadLocalRandom.current().nextInt(100_000_000));
        Map<String, Object> call = new HashMap<>();
        call.put("callId", UUID.randomUUID());
        call.put("channel", "PHONE");
        call.put("caller", Map.of("name", callerName, "phone",
                phone.substring(0, 4) + " " + phone.substring(4, 7) + " " + phone.substring(7)));
        call.put("location", Map.of("wardCode", LAI_CHAU_WARD, "addressText",
                ThreadLocalRandom.current().nextInt(1, 100_000_000) + " " + street));
        call.put("needs", List.of("MEDICAL_CONSULTATION", "FOOD"));
        call.put("householdSize", 3);
        call.put("agentId", "agent-e2e");
        return call;
    }
}
