package vn.hotline1022.events.intake;

import java.time.Instant;
import java.util.Objects;
import vn.hotline1022.events.HotlineEvent;
import vn.hotline1022.events.common.ZoneColour;

/**
 * The steering committee changed a ward's zone colour. Not about a case: keyed by ward code so that the changes
 * to one ward are consumed in order.
 *
 * @param previous null when the ward had no colour yet
 * @param changedBy who decided, e.g. the steering committee's account
 */
public record ZoneStatusChanged(
        String provinceCode,
        String districtCode,
        String wardCode,
        ZoneColour previous,
        ZoneColour current,
        Instant occurredAt,
        String changedBy,
        String reason) implements HotlineEvent {

    public ZoneStatusChanged {
        Objects.requireNonNull(wardCode, "wardCode");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }

    @Override
    public String key() {
        return wardCode;
    }
}
