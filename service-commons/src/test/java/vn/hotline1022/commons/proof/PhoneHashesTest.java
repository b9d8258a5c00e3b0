package vn.hotline1022.commons.proof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

class PhoneHashesTest {

    private static final String PHONE = "0912345678";

    @Test
    void aHashIsKeyedNotThePlainDigestOfTheNumber() throws Exception {
        PhoneHashes hashes = new PhoneHashes(List.of("k-2021-08-a-random-secret"));
        String plain = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(PHONE.getBytes(StandardCharsets.UTF_8)));
        String withPurpose = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(("callback:" + PHONE).getBytes(StandardCharsets.UTF_8)));
        assertThat(hashes.current("callback", PHONE)).isNotIn(plain, withPurpose).hasSize(64);
        // Another key (another deployment) gives another hash; another purpose too.
        assertThat(new PhoneHashes(List.of("another-deployments-key")).current("callback", PHONE))
                .isNotEqualTo(hashes.current("callback", PHONE));
        assertThat(hashes.current("attempt", PHONE)).isNotEqualTo(hashes.current("callback", PHONE));
    }

    @Test
    void afterARotationOldRowsStillMatchAndNewRowsUseTheNewKey() {
        PhoneHashes before = new PhoneHashes(List.of("old-key-0123456789"));
        String stored = before.current("callback", PHONE);
        PhoneHashes rotated = new PhoneHashes(List.of("new-key-0123456789", "old-key-0123456789"));
        assertThat(rotated.matches(stored, "callback", PHONE)).isTrue();
        assertThat(rotated.current("callback", PHONE)).isNotEqualTo(stored);
        assertThat(rotated.all("callback", PHONE)).containsExactly(rotated.current("callback", PHONE), stored);
        // Once the old key is dropped, its rows no longer match.
        assertThat(new PhoneHashes(List.of("new-key-0123456789")).matches(stored, "callback", PHONE)).isFalse();
        assertThat(rotated.matches(stored, "callback", "0912345679")).isFalse();
    }

    @Test
    void noKeyIsNoHashing() {
        assertThatThrownBy(() -> new PhoneHashes(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PhoneHashes(List.of(" "))).isInstanceOf(IllegalArgumentException.class);
    }
}
