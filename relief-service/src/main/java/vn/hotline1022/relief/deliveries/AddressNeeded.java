package vn.hotline1022.relief.deliveries;

import java.time.Instant;
import java.util.UUID;

import vn.hotline1022.events.common.Location;

/**
 * Relief will deliver to this case: the run sheets need its address (and, from the call, the phone and name). An
 * internal event fired inside the allocation's transaction; the run sheets keep the copy (runs.DeliveryAddresses).
 *
 * @param phone null when only the address is known (needs found after the call)
 */
public record AddressNeeded(UUID caseId, String caseCode, Instant at, Location location, String phone, String name) {
}
