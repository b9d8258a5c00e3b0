package vn.hotline1022.commons.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class ScopeTest {

    @Test
    void noProvinceMeansNowhere() {
        Scope none = Scope.none();
        assertThat(none.isEmpty()).isTrue();
        assertThat(none.covers("74", "718")).isFalse();
        assertThat(none.coversProvince("74")).isFalse();
    }

    @Test
    void districtsNarrowTheProvince() {
        Scope s = Scope.of(List.of("74"), List.of("718"));
        assertThat(s.covers("74", "718")).isTrue();
        assertThat(s.covers("74", "725")).isFalse();
        assertThat(s.covers("74", null)).as("province-wide things need the whole province").isFalse();
        assertThat(s.covers("75", "718")).isFalse();
        assertThat(s.coversProvince("74")).isTrue();
        assertThat(s.coversWholeProvince("74")).isFalse();
    }

    @Test
    void aWholeProvinceAndEverywhere() {
        assertThat(Scope.of(List.of("74"), List.of()).coversWholeProvince("74")).isTrue();
        assertThat(Scope.everywhere().covers("01", null)).isTrue();
        assertThat(Scope.everywhere().isEmpty()).isFalse();
    }

    @Test
    void aQueryKeepsTheAreasRowsAndNothingWithoutAnArea() {
        assertThat(Scope.everywhere().queryCondition("p", "d")).isEqualTo("1 = 1");
        assertThat(Scope.everywhere().queryParameters()).isEmpty();
        assertThat(Scope.none().queryCondition("p", "d")).isEqualTo("1 = 0");
        Scope provinces = Scope.of(java.util.List.of("74"), java.util.List.of());
        assertThat(provinces.queryCondition("p", "d")).isEqualTo("p in :scopeProvinces");
        assertThat(provinces.queryParameters()).containsOnlyKeys("scopeProvinces");
        Scope districts = Scope.of(java.util.List.of("74"), java.util.List.of("718"));
        assertThat(districts.queryCondition("p", "d")).isEqualTo("p in :scopeProvinces and d in :scopeDistricts");
        assertThat(districts.queryParameters()).containsEntry("scopeDistricts", java.util.Set.of("718"));
    }
}
