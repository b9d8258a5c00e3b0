package vn.hotline1022.referral.hospitals;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import vn.hotline1022.commons.security.CurrentUser;
import vn.hotline1022.commons.security.Roles;

/**
 * Which hospital the caller may see. Hospital staff are held to the hospital of their token's {@code hospital_code};
 * dispatchers, agents, ops and admins see all. Another hospital's data is reported as not found, so staff cannot
 * even learn which referrals exist elsewhere.
 */
@RequestScoped
public class HospitalScope {

    /** A hospital id no row has: staff whose code matches no hospital see nothing. */
    private static final UUID NONE = new UUID(0, 0);

    @Inject
    CurrentUser user;

    /** Empty when the caller sees every hospital. */
    public Optional<UUID> restrictedTo() {
        if (!user.has(Roles.HOSPITAL_STAFF) || user.has(Roles.ADMIN) || user.has(Roles.OPS)
                || user.has(Roles.DISPATCHER) || user.has(Roles.CALL_AGENT)) {
            return Optional.empty();
        }
        return Optional.of(user.hospitalCode().map(Hospital::byCode).map(h -> h.id).orElse(NONE));
    }

    public boolean mayAccess(UUID hospitalId) {
        return restrictedTo().map(own -> own.equals(hospitalId)).orElse(true);
    }
}
