package vn.hotline1022.dispatch.zones;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

import vn.hotline1022.events.common.ZoneColour;
import vn.hotline1022.events.intake.ZoneStatusChanged;

/**
 * A ward's zone colour (vùng đỏ / cam / vàng / xanh) as last announced by intake. Dispatch keeps its own copy rather
 * than asking intake: red wards go first in the queue and prefer teams with protective kit.
 */
@Entity
public class WardZone extends PanacheEntityBase {
    @Id
    public String wardCode;
    public String provinceCode;
    public String districtCode;
    @Enumerated(EnumType.STRING)
    public ZoneColour colour;
    public Instant changedAt;

    public static boolean isRed(String wardCode) {
        WardZone z = wardCode == null ? null : findById(wardCode);
        return z != null && z.colour == ZoneColour.RED;
    }

    public static ZoneColour colourOf(String wardCode) {
        WardZone z = wardCode == null ? null : findById(wardCode);
        return z == null ? null : z.colour;
    }

    /** Runs inside the inbox transaction; an older change arriving late never overwrites a newer one. */
    public static void apply(ZoneStatusChanged change) {
        if (change.current() == null) {
            return;
        }
        WardZone z = findById(change.wardCode());
        if (z == null) {
            z = new WardZone();
            z.wardCode = change.wardCode();
        } else if (z.changedAt != null && z.changedAt.isAfter(change.occurredAt())) {
            return;
        }
        z.provinceCode = change.provinceCode();
        z.districtCode = change.districtCode();
        z.colour = change.current();
        z.changedAt = change.occurredAt();
        z.persist();
    }
}
