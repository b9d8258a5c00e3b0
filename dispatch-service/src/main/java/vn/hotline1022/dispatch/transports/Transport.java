package vn.hotline1022.dispatch.transports;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import vn.hotline1022.events.common.BedType;

/**
 * Taking one accepted patient to the hospital that holds the bed (chuyển bệnh nhân). Codes and ids only: the team
 * reads the pickup address from its case, never from here.
 */
@Entity
public class Transport extends PanacheEntityBase {

    /**
     * WAITING (no transport-capable team free) → DISPATCHED → PICKED_UP → HANDED_OVER. The phone app may only take the
     * next step; anything else is refused (409).
     */
    public enum Status {
        WAITING, DISPATCHED, PICKED_UP, HANDED_OVER;

        /** The only status this one may move to by a team's report; null when none. */
        public Status next() {
            return switch (this) {
                case DISPATCHED -> PICKED_UP;
                case PICKED_UP -> HANDED_OVER;
                default -> null; // WAITING moves on when a team is found, not by a report
            };
        }
    }

    @Id
    public UUID id;
    public UUID caseId;
    public String caseCode;
    public UUID referralId;
    public UUID hospitalId;
    public String hospitalCode;
    public String hospitalName;
    @Enumerated(EnumType.STRING)
    public BedType bedType;
    public String bedLabel;
    public String provinceCode;
    public String districtCode;
    public String wardCode;
    /** Null while WAITING. */
    public UUID teamId;
    @Enumerated(EnumType.STRING)
    public Status status;
    public Instant requestedAt;
    public Instant dispatchedAt;
    public Instant pickedUpAt;
    public Instant handedOverAt;

    /** An ICU or oxygen bed means the patient needs oxygen on the way too. */
    public boolean needsOxygen() {
        return bedType == BedType.ICU || bedType == BedType.OXYGEN;
    }

    public static Transport forReferral(UUID referralId) {
        return find("referralId", referralId).firstResult();
    }

    public static Transport lock(UUID id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /**
     * The waiting transport a freed team should take, locked (skipping those another freed team is taking): the most
     * urgent bed type first (ICU, oxygen, general), then the longest wait. Only those the team can carry.
     */
    @SuppressWarnings("unchecked")
    public static Transport lockNextFor(String provinceCode, boolean carriesOxygen) {
        List<Transport> found = getEntityManager().createNativeQuery("""
                select t.* from transport t
                 where t.status = 'WAITING' and t.province_code = :province
                   and (:oxygen or t.bed_type not in ('ICU', 'OXYGEN'))
                 order by case t.bed_type when 'ICU' then 0 when 'OXYGEN' then 1 else 2 end, t.requested_at
                 limit 1
                 for update of t skip locked
                """, Transport.class)
                .setParameter("province", provinceCode)
                .setParameter("oxygen", carriesOxygen)
                .getResultList();
        return found.isEmpty() ? null : found.get(0);
    }
}
