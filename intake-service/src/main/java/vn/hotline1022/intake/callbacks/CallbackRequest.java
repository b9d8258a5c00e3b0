package vn.hotline1022.intake.callbacks;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.panache.common.Sort;

/**
 * A message to 1022 that an agent must answer by calling back (yêu cầu gọi lại): free text from a citizen, which no
 * rule can turn into a case. It has a case code from the moment it arrives, and the case an agent opens from it keeps
 * that code. The phone and the message are personal data: erased once the callback is done.
 */
@Entity
@Table(name = "callback_request")
public class CallbackRequest extends PanacheEntityBase {

    /** Where a callback stands. */
    public enum Status {
        /** Waiting for an agent to call back (chờ gọi lại). */
        PENDING_CALLBACK,
        /** An agent called back and opened (or joined) a case. */
        CASE_OPENED,
        /** An agent ended it without a case ({@link Outcome}). */
        CLOSED
    }

    /** Why a callback ended without a case. */
    public enum Outcome {
        /** Không liên lạc được: the number did not answer. */
        UNREACHABLE,
        /** Không cần hỗ trợ: the person needs nothing from the hotline. */
        NO_HELP_NEEDED,
        /** Không phải yêu cầu: spam, a wrong number, advertising. */
        NOT_A_REQUEST,
        /** Hết hạn: nobody called back in time ({@code hotline.intake.callbacks.expire-after}); set by intake itself. */
        EXPIRED
    }

    @Id
    public UUID id;
    public String code;
    public String provinceCode;
    public String channel;
    /** Canonical form ({@code PhoneNumbers}); null once the callback is done. */
    public String phone;
    /** Kept after the phone is erased, so the citizen can still look the code up with their phone. */
    public String phoneHash;
    /** What the citizen wrote, later messages appended; null once the callback is done. */
    public String message;
    public Instant receivedAt;
    public int messageCount;
    @Enumerated(EnumType.STRING)
    public Status status;
    public String handledBy;
    public Instant handledAt;
    @Enumerated(EnumType.STRING)
    public Outcome outcome;
    /** The case opened or joined when the agent called back. */
    public String caseCode;

    public static Optional<CallbackRequest> byCode(String code) {
        return find("code", code).firstResultOptional();
    }

    /** @param phoneHashes the phone's hash under every key still listed */
    static Optional<CallbackRequest> pendingOf(List<String> phoneHashes) {
        return find("phoneHash in ?1 and status = ?2", phoneHashes, Status.PENDING_CALLBACK).firstResultOptional();
    }

    /** The queue of some provinces (all when {@code provinces} is null), oldest first. */
    static List<CallbackRequest> pendingIn(java.util.Set<String> provinces, int page, int size) {
        return (provinces == null
                ? find("status", Sort.by("receivedAt"), Status.PENDING_CALLBACK)
                : find("status = ?1 and provinceCode in ?2", Sort.by("receivedAt"), Status.PENDING_CALLBACK, provinces))
                .page(page, size).list();
    }
}
