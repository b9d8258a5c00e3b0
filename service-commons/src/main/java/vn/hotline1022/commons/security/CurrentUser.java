package vn.hotline1022.commons.security;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.SecurityIdentity;

/** Who is calling, with the tenant claims that narrow what a role may touch. */
@RequestScoped
public class CurrentUser {

    public static final String HOSPITAL_CODE = "hospital_code";
    public static final String TEAM_CODE = "team_code";
    public static final String DISTRICT_CODES = "district_codes";
    public static final String PROVINCE_CODES = "province_codes";
    public static final String WARD_CODES = "ward_codes";

    @Inject
    SecurityIdentity identity;

    @Inject
    JsonWebToken token;

    /** The login name, for audit records; never a citizen's data. */
    public String username() {
        String name = token.getClaim("preferred_username");
        return name != null ? name : identity.getPrincipal().getName();
    }

    public boolean has(String role) {
        return identity.hasRole(role);
    }

    public Optional<String> hospitalCode() {
        return Optional.ofNullable(token.<Object> getClaim(HOSPITAL_CODE)).map(CurrentUser::text);
    }

    public Optional<String> teamCode() {
        return Optional.ofNullable(token.<Object> getClaim(TEAM_CODE)).map(CurrentUser::text);
    }

    /** Empty when the officer is not limited to some districts. */
    public List<String> districtCodes() {
        return codes(DISTRICT_CODES);
    }

    /** The wards of a ward official (cán bộ phường/xã); empty for everyone else. */
    public List<String> wardCodes() {
        return codes(WARD_CODES);
    }

    /**
     * The cases an official answers for: an admin's are everywhere; an official's are the wards of {@code ward_codes}
     * and the districts of {@code district_codes}; anyone else's, and an official's without either claim, nowhere.
     * Province claims do not widen it: there are no province officials in the hotline.
     */
    public OfficialArea officialArea() {
        if (has(Roles.ADMIN)) {
            return OfficialArea.everywhere();
        }
        if (!has(Roles.OFFICIAL)) {
            return OfficialArea.none();
        }
        return OfficialArea.of(districtCodes(), wardCodes());
    }

    /**
     * Where this person may act: an admin everywhere; anyone else only in the provinces (and districts) their token
     * names, and nowhere without a {@code province_codes} claim.
     */
    public Scope scope() {
        if (has(Roles.ADMIN)) {
            return Scope.everywhere();
        }
        List<String> provinces = codes(PROVINCE_CODES);
        return provinces.isEmpty() ? Scope.none() : Scope.of(provinces, districtCodes());
    }

    private List<String> codes(String name) {
        Object claim = token.getClaim(name);
        if (claim instanceof Collection<?> c) {
            return c.stream().map(CurrentUser::text).toList();
        }
        return claim == null ? List.of() : List.of(text(claim));
    }

    private static String text(Object claim) {
        String s = claim.toString();
        // JSON strings from the token arrive quoted in some claim representations.
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }
}
