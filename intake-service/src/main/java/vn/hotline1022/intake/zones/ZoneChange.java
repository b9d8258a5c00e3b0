package vn.hotline1022.intake.zones;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import vn.hotline1022.events.common.ZoneColour;

/** One change of a ward's colour: the history the steering committee and the weekly report look back on. */
@Entity
public class ZoneChange extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String wardCode;
    @Enumerated(EnumType.STRING)
    public ZoneColour previous;
    @Enumerated(EnumType.STRING)
    public ZoneColour colour;
    public String reason;
    public String changedBy;
    public Instant changedAt;
}
