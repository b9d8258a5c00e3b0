package vn.hotline1022.referral.hospitals;

import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import vn.hotline1022.events.common.BedType;

/**
 * The beds of one type at one hospital. {@code free} is the hospital's own count; {@code held} the beds promised to
 * pending referrals. Every change of {@code held} is a single conditional UPDATE, so it is safe across transactions
 * and service instances: a concurrent holder waits for the row lock, then re-checks the condition.
 */
@Entity
public class BedPool extends PanacheEntityBase {

    @Id
    public UUID id;
    public UUID hospitalId;
    @Enumerated(EnumType.STRING)
    public BedType bedType;
    public int total;
    public int free;
    public int held;

    /** Beds a new referral may still take. Negative counts (the hospital reported fewer than held) read as none. */
    public int available() {
        return Math.max(0, free - held);
    }

    /**
     * Takes one bed for a pending referral; false if another case took the last one first, or the hospital paused
     * intake since the candidates were read.
     */
    public static boolean hold(UUID hospitalId, BedType type) {
        return update("held = held + 1", "free - held > 0 and exists (select 1 from hospital h"
                + " where h.id = bed_pool.hospital_id and h.accepting)", hospitalId, type) == 1;
    }

    /** The pending referral ended without the patient: the bed goes back. */
    public static void release(UUID hospitalId, BedType type) {
        update("held = greatest(held - 1, 0)", "true", hospitalId, type);
    }

    /** The hospital said it has no bed of this type after all: none is offered again until it reports capacity. */
    public static void releaseAsFull(UUID hospitalId, BedType type) {
        update("held = greatest(held - 1, 0), free = 0", "true", hospitalId, type);
    }

    /** The hospital accepted: the held bed is now the patient's, no longer free. */
    public static void occupy(UUID hospitalId, BedType type) {
        update("held = greatest(held - 1, 0), free = greatest(free - 1, 0)", "true", hospitalId, type);
    }

    /**
     * An accepted patient was not admitted after all: the bed taken on acceptance is free again. Capped at the total,
     * because the hospital may already have counted it free in a capacity report since; its next report is the truth.
     */
    public static void giveBack(UUID hospitalId, BedType type) {
        update("free = least(free + 1, total)", "true", hospitalId, type);
    }

    private static int update(String set, String condition, UUID hospitalId, BedType type) {
        getEntityManager().flush();
        return getEntityManager()
                .createNativeQuery("update bed_pool set " + set + " where hospital_id = ?1 and bed_type = ?2 and "
                        + condition)
                .setParameter(1, hospitalId)
                .setParameter(2, type.name())
                .executeUpdate();
    }
}
