package vn.hotline1022.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.Normalizer;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The one address rule intake links calls by and relief finds duplicate families by. */
class HouseholdAddressTest {

    @Test
    void oneHouseWrittenManyWaysHasOneKey() {
        String key = "12 cach mang thang tam";
        for (String same : List.of("Số 12 Đường Cách Mạng Tháng Tám, P. Tân An", "so 12 d. cach mang thang tam",
                "SN 12  đường Cách Mạng Tháng Tám, phường Tân An, TP. Thủ Dầu Một", "12 Cách Mạng Tháng Tám.",
                "số nhà 12, Cách-Mạng Tháng Tám")) {
            assertThat(HouseholdAddress.key(same)).as(same).contains(key);
        }
        String withHamlet = "12 le loi kp 2";
        for (String same : List.of("Số 12 Đường Lê Lợi, KP.2", "12 đ. Lê Lợi - khu phố 2", "so 12 duong le loi kp2",
                "  SỐ 12,  ĐƯỜNG LÊ LỢI;  Kp 2 ", Normalizer.normalize("Số 12 Đường Lê Lợi, KP.2", Normalizer.Form.NFD))) {
            assertThat(HouseholdAddress.key(same)).as(same).contains(withHamlet);
        }
        assertThat(HouseholdAddress.key("12/3 Nguyễn Trãi, Q.1")).contains(HouseholdAddress.key("12 / 3 nguyen trai")
                .orElseThrow());
        assertThat(HouseholdAddress.key("Số 5, Ấp 3, xã An Sơn")).contains("5 ap 3");
        assertThat(HouseholdAddress.key("12 đường số 9")).isEqualTo(HouseholdAddress.key("12 Đ. 9"));
        assertThat(HouseholdAddress.key("45 kp 2")).isEqualTo(HouseholdAddress.key("45 Khu phố 2"));
    }

    @Test
    void differentHousesKeepDifferentKeys() {
        assertThat(HouseholdAddress.key("12 Lê Lợi, khu phố 2")).isNotEqualTo(HouseholdAddress.key("12 Lê Lai, khu phố 2"));
        assertThat(HouseholdAddress.key("12/3 Lê Lợi")).isNotEqualTo(HouseholdAddress.key("12 Lê Lợi"));
        assertThat(HouseholdAddress.key("12a Lê Lợi")).isNotEqualTo(HouseholdAddress.key("12 Lê Lợi"));
    }

    @Test
    void tooVagueToLinkHasNoKey() {
        // No house number, or no street or hamlet: many households share these.
        for (String vague : new String[] { "Tổ 3", "Khu phố 3", "Ấp 2", "Tổ 3, khu phố 2", "Hẻm 12 đường Yersin",
                "Cách Mạng Tháng Tám", "12", "đường số 9", "Phường 5, Quận 3", "Hẻm 5, P.7, Q.3", "", "  ", " ,. ",
                null }) {
            assertThat(HouseholdAddress.key(vague)).as(String.valueOf(vague)).isEmpty();
        }
    }
}
