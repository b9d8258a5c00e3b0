package vn.hotline1022.commons.security;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The area of a ward or district official (địa bàn), from the token's {@code ward_codes} and {@code district_codes}
 * claims: a case is theirs when its ward is one of the wards, or its district one of the districts. Fails closed: with
 * neither claim the area is empty and covers nothing, never everything; only an admin is unrestricted.
 *
 * @param districts null only for {@link #everywhere()}
 * @param wards     null only for {@link #everywhere()}
 */
public record OfficialArea(Set<String> districts, Set<String> wards) {

    public static OfficialArea everywhere() {
        return new OfficialArea(null, null);
    }

    public static OfficialArea none() {
        return new OfficialArea(Set.of(), Set.of());
    }

    public static OfficialArea of(List<String> districts, List<String> wards) {
        return new OfficialArea(Set.copyOf(new TreeSet<>(districts)), Set.copyOf(new TreeSet<>(wards)));
    }

    public boolean unrestricted() {
        return districts == null;
    }

    /** No ward and no district: every request is refused. */
    public boolean isEmpty() {
        return !unrestricted() && districts.isEmpty() && wards.isEmpty();
    }

    public boolean covers(String districtCode, String wardCode) {
        if (unrestricted()) {
            return true;
        }
        return districtCode != null && districts.contains(districtCode)
                || wardCode != null && wards.contains(wardCode);
    }

    /** {@code DISTRICT} when the official acts on the case as a district official, else {@code WARD}. */
    public String levelFor(String districtCode) {
        return unrestricted() || districtCode != null && districts.contains(districtCode) ? "DISTRICT" : "WARD";
    }
}
