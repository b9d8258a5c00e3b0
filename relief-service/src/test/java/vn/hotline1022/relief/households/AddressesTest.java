package vn.hotline1022.relief.households;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Plain unit test: no application boot. */
class AddressesTest {

    @Test
    void oneHouseWrittenManyWaysIsOneAddress() {
        String expected = "12 le loi khu pho 2";
        assertThat(Addresses.normalise("Số 12 Đường Lê Lợi, KP.2")).isEqualTo(expected);
        assertThat(Addresses.normalise("12 đ. Lê Lợi - khu phố 2")).isEqualTo(expected);
        assertThat(Addresses.normalise("so 12 duong le loi kp2")).isEqualTo(expected);
        assertThat(Addresses.normalise("  SỐ 12,  ĐƯỜNG LÊ LỢI;  Kp 2 ")).isEqualTo(expected);
        // Decomposed input (as some phones send it) normalises the same as precomposed.
        assertThat(Addresses.normalise(java.text.Normalizer.normalize("Số 12 Đường Lê Lợi, KP.2",
                java.text.Normalizer.Form.NFD))).isEqualTo(expected);
    }

    @Test
    void differentHousesStayDifferent() {
        assertThat(Addresses.normalise("12 Lê Lợi, khu phố 2")).isNotEqualTo(Addresses.normalise("12 Lê Lai, khu phố 2"));
        assertThat(Addresses.normalise("12/3 Lê Lợi")).isNotEqualTo(Addresses.normalise("12 Lê Lợi"));
        assertThat(Addresses.normalise("Hẻm 5, P.7, Q.3")).isEqualTo("hem 5 phuong 7 quan 3");
    }

    @Test
    void tooVagueToMatchIsNotAnAddress() {
        assertThat(Addresses.normalise(null)).isNull();
        assertThat(Addresses.normalise(" ,. ")).isNull();
        assertThat(Addresses.normalise("Tổ 3")).isNull();
    }

    @Test
    void citizenIdsAreTwelveDigits() {
        assertThat(Addresses.normaliseCitizenId("077 123 456 789")).isEqualTo("077123456789");
        assertThat(Addresses.normaliseCitizenId("12345")).isNull();
        assertThat(Addresses.normaliseCitizenId(null)).isNull();
    }
}
