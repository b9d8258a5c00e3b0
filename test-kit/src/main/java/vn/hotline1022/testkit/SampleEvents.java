package vn.hotline1022.testkit;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import vn.hotline1022.events.common.Caller;
import vn.hotline1022.events.common.ContactChannel;
import vn.hotline1022.events.common.Location;
import vn.hotline1022.events.common.Need;
import vn.hotline1022.events.common.Vulnerability;
import vn.hotline1022.events.intake.CallReceived;

/** Realistic events for tests that play an upstream service. Places are real Bình Dương units (GSO codes). */
public final class SampleEvents {

    public static final String BINH_DUONG = "74";
    public static final String THU_DAU_MOT = "718";
    public static final String PHU_CUONG = "25747";
    public static final String HIEP_THANH = "25741";
    public static final String THUAN_AN = "725";
    public static final String LAI_THIEU = "25966";

    private SampleEvents() {
    }

    public static CallReceived callReceived(String districtCode, String wardCode, Need... needs) {
        return callReceived(UUID.randomUUID(), districtCode, wardCode, 50, needs);
    }

    public static CallReceived callReceived(UUID caseId, String districtCode, String wardCode, int priority,
            Need... needs) {
        return new CallReceived(caseId, "BD-20210817-" + caseId.toString().substring(0, 4), Instant.now(),
                UUID.randomUUID(), ContactChannel.PHONE, new Caller("Nguyễn Văn An", "0912345678"),
                new Location(BINH_DUONG, districtCode, wardCode, "12 Đường Cách Mạng Tháng Tám", 10.98, 106.65),
                List.of(needs), 4, Set.of(Vulnerability.ELDERLY), priority, "SpO2 91%, khó thở", "agent-07");
    }
}
