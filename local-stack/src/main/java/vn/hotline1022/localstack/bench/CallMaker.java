package vn.hotline1022.localstack.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Realistic calls as the console sends them: a fresh phone (typed with spaces), a random ward of Bình Dương from
 * intake's own reference data, a household address no other call uses, and needs mixed as the 2021 calls were
 * (mostly food and money, some medical, a few emergencies).
 */
final class CallMaker {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BINH_DUONG = "74";
    /** Needs and how often they come, out of 100 calls. */
    private static final List<Map.Entry<List<String>, Integer>> MIX = List.of(
            Map.entry(List.of("FOOD"), 35),
            Map.entry(List.of("CASH_SUPPORT"), 15),
            Map.entry(List.of("RENT_SUPPORT", "FOOD"), 10),
            Map.entry(List.of("MEDICAL_CONSULTATION"), 15),
            Map.entry(List.of("EMERGENCY_TRANSPORT", "HOSPITAL_ADMISSION"), 8),
            Map.entry(List.of("OXYGEN_SUPPORT"), 5),
            Map.entry(List.of("INFORMATION"), 10),
            Map.entry(List.of("VIOLATION_REPORT"), 2));

    private final List<String> wards;

    private CallMaker(List<String> wards) {
        this.wards = wards;
    }

    /** The wards of Bình Dương from {@code intake-service/src/main/resources/reference/vn-admin-units.json}. */
    static CallMaker of(Path root) {
        try {
            JsonNode units = JSON.readTree(root.resolve("intake-service/src/main/resources/reference/vn-admin-units.json")
                    .toFile());
            List<String> wards = new ArrayList<>();
            for (JsonNode province : units) {
                if (BINH_DUONG.equals(province.path("Code").asText())) {
                    province.path("District").forEach(d -> d.path("Ward").forEach(w -> wards.add(w.path("Code")
                            .asText())));
                }
            }
            if (wards.isEmpty()) {
                throw new IllegalStateException("no ward of Bình Dương in the reference data");
            }
            return new CallMaker(wards);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String phone = "09" + "%08d".formatted(random.nextInt(100_000_000));
        int pick = random.nextInt(100);
        List<String> needs = MIX.get(0).getKey();
        for (Map.Entry<List<String>, Integer> m : MIX) {
            if (pick < m.getValue()) {
                needs = m.getKey();
                break;
            }
            pick -= m.getValue();
        }
        Map<String, Object> call = Map.of(
                "callId", UUID.randomUUID(),
                "channel", "PHONE",
                "caller", Map.of("name", "Người gọi thử", "phone",
                        phone.substring(0, 4) + " " + phone.substring(4, 7) + " " + phone.substring(7)),
                "location", Map.of("wardCode", wards.get(random.nextInt(wards.size())),
                        "addressText", random.nextInt(1, 1_000_000_000) + " Đường Thử Tải"),
                "needs", needs,
                "householdSize", 1 + random.nextInt(6),
                "agentId", "bench");
        try {
            return JSON.writeValueAsString(call);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
