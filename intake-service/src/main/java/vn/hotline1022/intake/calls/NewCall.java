package vn.hotline1022.intake.calls;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import vn.hotline1022.events.common.ContactChannel;
import vn.hotline1022.events.common.Need;
import vn.hotline1022.events.common.Vulnerability;
import vn.hotline1022.commons.web.VietnamesePhone;

/**
 * What the agent records while on the phone.
 *
 * @param callId         chosen by the agent console, so that a POST retried after a timeout finds the case it
 *                       already opened instead of opening a second one; generated when absent
 * @param answeredOnCall the agent answered the question on the phone: a call that asked for information only is
 *                       resolved at once, the answer being its first action (refused for any other need)
 */
public record NewCall(
        UUID callId,
        @NotNull ContactChannel channel,
        @Valid @NotNull CallerDetails caller,
        @Valid @NotNull Address location,
        @NotEmpty List<@NotNull Need> needs,
        @Min(1) @Max(50) Integer householdSize,
        Set<@NotNull Vulnerability> vulnerabilities,
        @Size(max = 2000) String notes,
        @Size(max = 64) String agentId,
        Boolean answeredOnCall) {

    public record CallerDetails(
            @Size(max = 200) String name,
            @NotBlank @VietnamesePhone String phone) {
    }

    /** Only the ward is needed: it determines the district and province. */
    public record Address(
            @NotBlank @Pattern(regexp = "\\d{5}", message = "must be a 5-digit ward code") String wardCode,
            @Size(max = 500) String addressText,
            @DecimalMin("-90") @DecimalMax("90") Double latitude,
            @DecimalMin("-180") @DecimalMax("180") Double longitude) {
    }
}
