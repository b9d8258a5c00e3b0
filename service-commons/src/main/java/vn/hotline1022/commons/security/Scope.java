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
        // The province claim was required above; no district claim on top of it means the whole province.
        return districts.isEmpty() || districtCode != null && districts.contains(districtCode);
    }

    /**
     * The condition of a JPQL query that keeps the rows of this area, to append after {@code and}; with
     * {@link #queryParameters()} bound. {@code 1 = 1} when unrestricted, {@code 1 = 0} when empty (fails closed).
     */
    public String queryCondition(String provinceField, String districtField) {
        if (unrestricted()) {
            return "1 = 1";
        }
        if (isEmpty()) {
            return "1 = 0";
        }
        return provinceField + " in :scopeProvinces"
                + (districts.isEmpty() ? "" : " and " + districtField + " in :scopeDistricts");
    }

    /** The named parameters {@link #queryCondition(String, String)} uses. */
    public java.util.Map<String, Object> queryParameters() {
        java.util.Map<String, Object> params = new java.util.HashMap<>();
        if (!unrestricted() && !isEmpty()) {
            params.put("scopeProvinces", provinces);
            if (!districts.isEmpty()) {
                params.put("scopeDistricts", districts);
            }
        }
        return params;
    }

    /** Whole-province actions (a programme, a provincial warehouse) need the province without a district limit. */
    public boolean coversWholeProvince(String provinceCode) {
        return unrestricted() || coversProvince(provinceCode) && districts.isEmpty();
    }
}
