package vn.hotline1022.intake.zones;

import java.time.Instant;
import java.util.Optional;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import vn.hotline1022.events.common.ZoneColour;

/** A ward's current zone colour; a ward without a row has none (treated as not restricted). */
@Entity
public class ZoneStatus extends PanacheEntityBase {

    @Id
    public String wardCode;
    public String provinceCode;
    public String districtCode;
    @Enumerated(EnumType.STRING)
    public ZoneColour colour;
    public String reason;
    public String changedBy;
    public Instant changedAt;

    public static Optional<ZoneColour> colourOf(String wardCode) {
        return ZoneStatus.<ZoneStatus> findByIdOptional(wardCode).map(z -> z.colour);
    }
}
