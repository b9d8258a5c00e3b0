package vn.hotline1022.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextAndIdentityTest {

    @Test
    void searchTextIgnoresDiacriticsCaseAndSpacing() {
        assertThat(SearchText.normalise("Thủ Dầu Một, ĐỒNG NAI  Đức")).isEqualTo("thu dau mot, dong nai duc");
        assertThat(SearchText.of("Nguyễn Văn An", null, " ", "Phú Cường")).isEqualTo("nguyen van an phu cuong");
        assertThat(SearchText.normalise(null)).isEmpty();
    }

    @Test
    void citizenIdsAreTwelveDigits() {
        assertThat(CitizenIds.normalise("077 123 456 789")).contains("077123456789");
        assertThat(CitizenIds.normalise("077.123.456-789")).contains("077123456789");
        assertThat(CitizenIds.normalise("12345")).isEmpty();
        assertThat(CitizenIds.normalise(null)).isEmpty();
    }

    @Test
    void maskingShowsTooLittleToReachThePerson() {
        assertThat(Masking.phone("0912345678")).isEqualTo("091*****678").doesNotContain("2345");
        assertThat(Masking.phone("123")).isEqualTo("*****");
        assertThat(Masking.email("an.nguyen@binhduong.gov.vn")).isEqualTo("a***@binhduong.gov.vn");
        assertThat(Masking.contact("+84912345678")).isEqualTo("+84*****678");
        assertThat(Masking.name("Đặng Thị Hoa")).isEqualTo("Đ***");
        assertThat(Masking.address("Số 12 Lê Lợi")).isEqualTo("***");
    }
}
