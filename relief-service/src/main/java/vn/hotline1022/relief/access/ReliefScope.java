package vn.hotline1022.relief.access;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import vn.hotline1022.commons.security.CurrentUser;
import vn.hotline1022.commons.security.Scope;
import vn.hotline1022.commons.web.ProblemException;

/**
 * Where the signed-in person may read and act in relief (phạm vi): the provinces and districts of their token. Fails
 * closed: no {@code province_codes} claim means every relief endpoint answers 403 (admins aside). Items outside the
 * scope do not exist for the person (404); lists hold only what is inside it.
 */
@RequestScoped
public class ReliefScope {

    @Inject
    CurrentUser user;

    private Scope scope;

    /** @throws ProblemException 403 when the token names no province */
    public Scope require() {
        if (scope == null) {
            scope = user.scope();
        }
        if (scope.isEmpty()) {
            throw new ProblemException(403, "Forbidden",
                    "Your account names no province (province_codes): ask an administrator to set your area", List.of());
        }
        return scope;
    }

    /** Acting on a province as a whole (a programme, the provincial warehouse): no district limit allowed. */
    public void requireWholeProvince(String provinceCode) {
        if (!require().coversWholeProvince(provinceCode)) {
            throw forbidden("province " + provinceCode + " as a whole");
        }
    }

    public void requireProvince(String provinceCode) {
        if (!require().coversProvince(provinceCode)) {
            throw forbidden("province " + provinceCode);
        }
    }

    /** Acting at a place: a warehouse, a household, a delivery. */
    public void requirePlace(String provinceCode, String districtCode) {
        if (!require().covers(provinceCode, districtCode)) {
            throw forbidden(districtCode == null ? "province " + provinceCode + " as a whole"
                    : "district " + districtCode + " of province " + provinceCode);
        }
    }

    public boolean sees(String provinceCode, String districtCode) {
        return require().covers(provinceCode, districtCode);
    }

    /**
     * A JPQL condition limiting {@code alias}'s provinceCode/districtCode to the scope, with its parameters appended
     * to {@code params} (positional, numbered after those already there); "1 = 1" when unrestricted.
     */
    public String where(String alias, List<Object> params) {
        Scope s = require();
        if (s.unrestricted()) {
            return "1 = 1";
        }
        List<String> parts = new ArrayList<>();
        params.add(s.provinces());
        parts.add(alias + "provinceCode in ?" + params.size());
        if (!s.districts().isEmpty()) {
            params.add(s.districts());
            parts.add(alias + "districtCode in ?" + params.size());
        }
        return "(" + String.join(" and ", parts) + ")";
    }

    /** As {@link #where}, for things of a whole province (programmes, their alerts): districts do not narrow it. */
    public String whereProvince(String alias, List<Object> params) {
        Scope s = require();
        if (s.unrestricted()) {
            return "1 = 1";
        }
        params.add(s.provinces());
        return alias + "provinceCode in ?" + params.size();
    }

    private static ProblemException forbidden(String where) {
        return new ProblemException(403, "Forbidden", "Your account does not cover " + where, List.of());
    }
}
