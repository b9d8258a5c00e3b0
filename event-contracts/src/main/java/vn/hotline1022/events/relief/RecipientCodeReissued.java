package vn.hotline1022.events.relief;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import vn.hotline1022.events.CaseEvent;

/**
 * A relief officer asked for the household's receipt code (mã nhận hàng) to be sent again, e.g. the first text never
 * arrived. The code itself never travels: notification-service derives it from the delivery id and {@code round} with
 * the secret it shares with relief-service, and texts it to the caller's phone only. Each round's code replaces the
 * previous one.
 *
 * @param round 1 for the first re-send; the code of ReliefScheduled is round 0
 */
public record RecipientCodeReissued(
        UUID caseId,
        String caseCode,
        Instant occurredAt,
        UUID deliveryId,
        int round) implements CaseEvent {

    public RecipientCodeReissued {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(deliveryId, "deliveryId");
    }
}
