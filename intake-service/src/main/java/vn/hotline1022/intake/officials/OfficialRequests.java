package vn.hotline1022.intake.officials;

import java.time.Instant;
import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import vn.hotline1022.events.common.Need;

/**
 * What an official sends. Outcomes and targets are Strings checked by pattern, not enums: a wrong value is then a
 * field error (400) naming the field, like every other bad input.
 */
public final class OfficialRequests {

    static final String OUTCOMES = "VALID|NOT_VALID|UNREACHABLE";
    static final String TARGETS = "DISPATCH|RELIEF";

    private OfficialRequests() {
    }

    /**
     * A verification visit (xác minh).
     *
     * @param outcome     VALID (found as reported), NOT_VALID (not as reported) or UNREACHABLE (nobody reached)
     * @param actionTaken what the official did there
     * @param visitedAt   when; not in the future, not before the case was opened
     */
    public record Verification(
            @NotNull @Pattern(regexp = OUTCOMES, message = "must be VALID, NOT_VALID or UNREACHABLE") String outcome,
            @NotBlank @Size(max = 2000) String actionTaken,
            @NotNull Instant visitedAt) {
    }

    /** The case is resolved (đã giải quyết) with this outcome, in the official's words. */
    public record Resolution(@NotBlank @Size(max = 2000) String outcome) {
    }

    /**
     * The case goes back to dispatch (a team visit) or relief (relief needs decided again).
     *
     * @param needs the needs handed back; absent or empty: the case's own. Needs the case did not have are added to it
     */
    public record HandBack(
            @NotNull @Pattern(regexp = TARGETS, message = "must be DISPATCH or RELIEF") String target,
            @NotBlank @Size(max = 2000) String reason,
            @Size(max = 20) List<@NotNull Need> needs) {
    }
}
