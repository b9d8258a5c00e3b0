package vn.hotline1022.events.intake;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import vn.hotline1022.events.CaseEvent;

/**
 * A ward or district official (cán bộ phường/xã, quận/huyện) took the case: from now on they verify it, resolve it or
 * hand it back. One official owns a case at a time.
 *
 * @param official the official's login name (staff, not a citizen)
 * @param area     {@code WARD} or {@code DISTRICT}: the level the official acts at for this case (open-ended code)
 */
public record CaseOwnerAssigned(
        UUID caseId,
        String caseCode,
        Instant occurredAt,
        String official,
        String area) implements CaseEvent {

    public CaseOwnerAssigned {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}
