package vn.hotline1022.referral.hospitals;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import vn.hotline1022.commons.security.CurrentUser;
import vn.hotline1022.commons.security.Roles;
import vn.hotline1022.commons.security.Scope;

/**
 * What the caller may see and touch. Hospital staff are held to the hospital of their token's {@code hospital_code};
 * dispatchers, agents and ops to the provinces and districts of their token (a hospital by its province, a referral by
 * the case's place; nothing without a claim); admins to nothing less than everything. Anything outside is reported as
 * not found, so nobody learns which referrals exist elsewhere.
 */
@RequestScoped
public class HospitalScope {

    /** A hospital id no row has: staff whose code matches no hospital see nothing. */
    private static final UUID NONE = new UUID(0, 0);

    @Inject
    CurrentUser user;

    /** The caller's own hospital when they are hospital staff and nothing wider; empty otherwise. */
    public Optional<UUID> restrictedTo() {
        if (!user.has(Roles.HOSPITAL_STAFF) || user.has(Roles.ADMIN) || user.has(Roles.OPS)
                || user.has(Roles.DISPATCHER) || user.has(Roles.CALL_AGENT)) {
            return Optional.empty();
        }
        return Optional.of(user.hospitalCode().map(Hospital::byCode).map(h -> h.id).orElse(NONE));
    }

    /** The area of a caller who is not held to one hospital (their whole world is their hospital otherwise). */
    public Scope area() {
        return restrictedTo().isPresent() ? Scope.none() : user.scope();
    }

    public boolean mayAccess(Hospital h) {
        return restrictedTo().map(own -> own.equals(h.id)).orElseGet(() -> area().coversProvince(h.provinceCode));
    }

    /** A referral (or anything of a case) asked of {@code hospitalId}, for a case in this place. */
    public boolean mayReach(UUID hospitalId, String provinceCode, String districtCode) {
        return restrictedTo().map(own -> own.equals(hospitalId))
                .orElseGet(() -> area().covers(provinceCode, districtCode));
    }
}
