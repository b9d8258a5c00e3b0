package vn.hotline1022.events.intake;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import vn.hotline1022.events.CaseEvent;
import vn.hotline1022.events.common.ContactChannel;

/**
 * The same household called again about an open case. Repeat calls signal that help is late, so priority is
 * re-evaluated instead of a duplicate case being opened.
 *
 * @param repeatCount calls on this case so far, including this one
 * @param priority    the case's priority after this call
 */
public record RepeatCallLinked(
        UUID caseId,
        String caseCode,
        Instant occurredAt,
        UUID callId,
        ContactChannel channel,
        int repeatCount,
        int priority) implements CaseEvent {

    public RepeatCallLinked {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}
