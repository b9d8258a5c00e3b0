package vn.hotline1022.intake.callbacks;

import java.time.Instant;

/**
 * A callback as the agent who calls back sees it: the phone to call and what was written (both gone once it is done).
 */
public record CallbackView(String code, String channel, String phone, String message, int messageCount,
        Instant receivedAt, String status, String outcome, String caseCode, String handledBy, Instant handledAt) {

    static CallbackView of(CallbackRequest c) {
        return new CallbackView(c.code, c.channel, c.phone, c.message, c.messageCount, c.receivedAt, c.status.name(),
                c.outcome == null ? null : c.outcome.name(), c.caseCode, c.handledBy, c.handledAt);
    }

    @Override
    public String toString() {
        return "CallbackView[" + code + " " + status + "]"; // no phone or message in logs
    }
}
