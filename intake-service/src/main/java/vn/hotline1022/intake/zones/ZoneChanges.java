package vn.hotline1022.intake.zones;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import vn.hotline1022.events.common.ZoneColour;
import vn.hotline1022.events.intake.ZoneStatusChanged;
import vn.hotline1022.intake.geography.AdminUnits;
import vn.hotline1022.messaging.locks.AdvisoryLocks;
import vn.hotline1022.messaging.locks.LockSpace;
import vn.hotline1022.messaging.outbox.Outbox;

/** A ward's zone colour changes (vùng đỏ/cam/vàng/xanh): the status, its history and ZoneStatusChanged, together. */
@ApplicationScoped
public class ZoneChanges {

    private static final Logger LOG = Logger.getLogger(ZoneChanges.class);

    @Inject
    Outbox outbox;

    @Inject
    AdvisoryLocks locks;

    /** Setting the current colour changes nothing. */
    @Transactional
    public ZoneStatus set(AdminUnits.Ward ward, ZoneColour colour, String reason, String changedBy) {
        // Serialises changes of one ward, also its very first one (no row to lock yet).
        locks.lock(LockSpace.WARD_ZONE, ward.code());
        ZoneStatus zone = ZoneStatus.findById(ward.code());
        if (zone != null && zone.colour == colour) {
            return zone;
        }
        ZoneColour previous = zone == null ? null : zone.colour;
        Instant now = Instant.now();
        if (zone == null) {
            zone = new ZoneStatus();
            zone.wardCode = ward.code();
            zone.provinceCode = ward.provinceCode();
            zone.districtCode = ward.districtCode();
        }
        zone.colour = colour;
        zone.reason = reason;
        zone.changedBy = changedBy;
        zone.changedAt = now;
        zone.persist();
        ZoneChange change = new ZoneChange();
        change.wardCode = ward.code();
        change.previous = previous;
        change.colour = colour;
        change.reason = reason;
        change.changedBy = changedBy;
        change.changedAt = now;
        change.persist();
        outbox.publish(new ZoneStatusChanged(ward.provinceCode(), ward.districtCode(), ward.code(), previous, colour,
                now, changedBy, reason));
        LOG.infof("Ward %s zone %s -> %s", ward.code(), previous, colour);
        return zone;
    }
}
