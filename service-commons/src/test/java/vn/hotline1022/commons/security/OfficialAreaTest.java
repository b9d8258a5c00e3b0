package vn.hotline1022.commons.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class OfficialAreaTest {

    @Test
    void noClaimMeansNothing() {
        OfficialArea none = OfficialArea.of(List.of(), List.of());
        assertThat(none.isEmpty()).isTrue();
        assertThat(none.covers("725", "25966")).isFalse();
        assertThat(OfficialArea.none().covers("725", "25966")).isFalse();
    }

    @Test
    void aWardOfficialCoversTheirWardsOnly() {
        OfficialArea ward = OfficialArea.of(List.of(), List.of("25966"));
        assertThat(ward.isEmpty()).isFalse();
        assertThat(ward.covers("725", "25966")).isTrue();
        assertThat(ward.covers("725", "25969")).as("another ward of the same district").isFalse();
        assertThat(ward.covers("725", null)).isFalse();
        assertThat(ward.levelFor("725")).isEqualTo("WARD");
    }

    @Test
    void aDistrictOfficialCoversEveryWardOfTheDistrict() {
        OfficialArea district = OfficialArea.of(List.of("725"), List.of());
        assertThat(district.covers("725", "25969")).isTrue();
        assertThat(district.covers("718", "25747")).isFalse();
        assertThat(district.levelFor("725")).isEqualTo("DISTRICT");
        assertThat(OfficialArea.everywhere().covers("999", null)).isTrue();
        assertThat(OfficialArea.everywhere().isEmpty()).isFalse();
    }
}
