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
