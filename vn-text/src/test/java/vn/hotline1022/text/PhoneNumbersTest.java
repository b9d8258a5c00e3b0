package vn.hotline1022.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PhoneNumbersTest {

    @Test
    void everyUsualSpellingHasTheNationalForm() {
        assertThat(PhoneNumbers.normalise("0912 345 678")).contains("0912345678");
        assertThat(PhoneNumbers.normalise("+84912345678")).contains("0912345678");
        assertThat(PhoneNumbers.normalise("84912345678")).contains("0912345678");
        assertThat(PhoneNumbers.normalise("0084 912 345 678")).contains("0912345678");
        assertThat(PhoneNumbers.normalise("0912.345.678")).contains("0912345678");
        assertThat(PhoneNumbers.normalise("+84 (912) 345-678")).contains("0912345678");
        assertThat(PhoneNumbers.normalise("0274 3822 123")).contains("02743822123");
        assertThat(PhoneNumbers.normalise("+84 274 3822 123")).contains("02743822123");
    }

    @Test
    void aNumberWrittenInAMessageIsFound() {
        assertThat(PhoneNumbers.findIn("Nhà tôi hết gạo, gọi lại 0912 345 678 nhé")).contains("0912345678");
        assertThat(PhoneNumbers.findIn("1022 LUONGTHUC 25741 4 +84912345678")).contains("0912345678");
        assertThat(PhoneNumbers.findIn("số bàn 0274.3822.123, phường 25741")).contains("02743822123");
        // Ward codes, household sizes, the hotline's own number and longer digit runs are not phones.
        assertThat(PhoneNumbers.findIn("1022 LUONGTHUC 25741 4")).isEmpty();
        assertThat(PhoneNumbers.findIn("CCCD 079912345678123")).isEmpty();
        assertThat(PhoneNumbers.findIn(null)).isEmpty();
    }

    @Test
    void gatewaysGetEverySpellingInE164() {
        assertThat(PhoneNumbers.e164("0912 345 678")).contains("+84912345678");
        assertThat(PhoneNumbers.e164("+84912345678")).contains("+84912345678");
        assertThat(PhoneNumbers.e164("call me")).isEmpty();
    }

    @Test
    void whatIsNotAVietnameseNumberIsRejected() {
        for (String bad : new String[] { "call me", "0123", "1022", "0012345678", "+1 415 555 0100", "09123456789012",
                "", "0912\u0000345678", "9".repeat(40) }) {
            assertThat(PhoneNumbers.normalise(bad)).as(bad).isEmpty();
            assertThat(PhoneNumbers.isValid(bad)).as(bad).isFalse();
        }
        assertThat(PhoneNumbers.normalise(null)).isEmpty();
    }
}
