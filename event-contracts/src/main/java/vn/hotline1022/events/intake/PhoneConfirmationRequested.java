package vn.hotline1022.events.intake;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import vn.hotline1022.events.HotlineEvent;

/**
 * Someone asked, without signing in, to open a case from the web (Open311 or the public request page): the phone
 * they gave must be confirmed before a case opens. Notification texts that phone its code. The code itself never
 * travels: intake and notification derive it from {@code requestId} with the secret they share
 * ({@code RecipientCode.phoneConfirmation}), so no reader of this topic learns it. No case exists yet.
 *
 * @param phone     the phone to text, in the national form intake keeps ({@code 0912345678})
 * @param expiresAt the code is refused after this
 */
public record PhoneConfirmationRequested(
        UUID requestId,
        Instant occurredAt,
        String phone,
        Instant expiresAt) implements HotlineEvent {

    public PhoneConfirmationRequested {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(phone, "phone");
    }

    /** One request's events in order. */
    @Override
    public String key() {
        return requestId.toString();
    }

    @Override
    public String toString() {
        return "PhoneConfirmationRequested[requestId=" + requestId + "]"; // never the phone
    }
}
