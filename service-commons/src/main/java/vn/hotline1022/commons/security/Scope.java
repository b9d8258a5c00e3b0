package vn.hotline1022.commons.security;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where a signed-in person may act, from the token's {@code province_codes} and {@code district_codes} claims. Fails
 * closed: without a province claim a person may act nowhere ({@link #none()}), never everywhere; only an admin is
 * unrestricted. A district claim narrows the provinces to those districts.
 *
 * @param provinces null only for {@link #everywhere()}
 * @param districts empty when the person acts on whole provinces
 */
public record Scope(Set<String> provinces, Set<String> districts) {

    public static Scope everywhere() {
        return new Scope(null, Set.of());
    }

    public static Scope none() {
        return new Scope(Set.of(), Set.of());
    }

    public static Scope of(List<String> provinces, List<String> districts) {
        return new Scope(Set.copyOf(new TreeSet<>(provinces)), Set.copyOf(new TreeSet<>(districts)));
    }

    public boolean unrestricted() {
        return provinces == null;
    }

    /** No province at all: every request is refused. */
    public boolean isEmpty() {
        return provinces != null && provinces.isEmpty();
    }

    public boolean coversProvince(String provinceCode) {
        return unrestricted() || provinceCode != null && provinces.contains(provinceCode);
    }

    /** A place in a province, possibly not yet in a district (e.g. a province-wide warehouse). */
    public boolean covers(String provinceCode, String districtCode) {
        if (unrestricted()) {
            return true;
        }
        if (!coversProvince(provinceCode)) {
            return false;
        }
        return districts.isEmpty() || districtCode != null && districts.contains(districtCode);
    }

    /** Whole-province actions (a programme, a provincial warehouse) need the province without a district limit. */
    public boolean coversWholeProvince(String provinceCode) {
        return unrestricted() || coversProvince(provinceCode) && districts.isEmpty();
    }
}
