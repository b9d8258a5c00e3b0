package vn.hotline1022.referral.referrals;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import vn.hotline1022.events.referral.PatientDischarged;

/** When a hospital may record a discharge, without Quarkus or a database. */
class DischargeRuleTest {

    private static final Instant NOW = Instant.parse("2021-08-31T03:00:00Z");

    @Test
    void onlyAnAdmittedPatientLeavesOnceAtAPlausibleTime() {
        Referral admitted = referral(Referral.Status.COMPLETED, NOW.minus(Duration.ofDays(10)));
        assertThat(Discharges.refusal(admitted, PatientDischarged.DISCHARGED, null, NOW, NOW)).as("home").isNull();
        assertThat(Discharges.refusal(admitted, PatientDischarged.TRANSFERRED, "79001", NOW, NOW)).isNull();

        assertThat(Discharges.refusal(referral(Referral.Status.ACCEPTED, null), PatientDischarged.DISCHARGED, null,
                NOW, NOW)).as("not admitted yet").isNotNull().extracting(Discharges.Refused::field).isNull();
        assertThat(Discharges.refusal(admitted, PatientDischarged.TRANSFERRED, " ", NOW, NOW))
                .as("a transfer says where to").extracting(Discharges.Refused::field).isEqualTo("transferredTo");
        assertThat(Discharges.refusal(admitted, PatientDischarged.DISCHARGED, null, NOW.plus(Duration.ofHours(1)),
                NOW)).as("in the future").extracting(Discharges.Refused::field).isEqualTo("dischargedAt");
        assertThat(Discharges.refusal(admitted, PatientDischarged.DISCHARGED, null, NOW.minus(Duration.ofDays(11)),
                NOW)).as("before the admission").extracting(Discharges.Refused::field).isEqualTo("dischargedAt");
        admitted.dischargedAt = NOW.minus(Duration.ofHours(1));
        assertThat(Discharges.refusal(admitted, PatientDischarged.DISCHARGED, null, NOW, NOW)).as("once")
                .isNotNull().extracting(Discharges.Refused::field).isNull();
    }

    private static Referral referral(Referral.Status status, Instant closedAt) {
        Referral r = new Referral();
        r.status = status;
        r.closedAt = closedAt;
        return r;
    }
}
