package vn.hotline1022.intake.timeline;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.stream.Collectors;

import vn.hotline1022.events.HotlineEvent;
import vn.hotline1022.events.dispatch.DispatchCompleted;
import vn.hotline1022.events.dispatch.DispatchQueued;
import vn.hotline1022.events.dispatch.PatientHandedOver;
import vn.hotline1022.events.dispatch.PatientPickedUp;
import vn.hotline1022.events.dispatch.TeamArrived;
import vn.hotline1022.events.dispatch.TeamDispatched;
import vn.hotline1022.events.dispatch.TransportDispatched;
import vn.hotline1022.events.notification.NotificationFailed;
import vn.hotline1022.events.notification.NotificationSent;
import vn.hotline1022.events.referral.PatientAdmitted;
import vn.hotline1022.events.referral.PatientReferred;
import vn.hotline1022.events.referral.ReferralAccepted;
import vn.hotline1022.events.referral.ReferralExpired;
import vn.hotline1022.events.referral.ReferralWaiting;
import vn.hotline1022.events.referral.ReferralRejected;
import vn.hotline1022.events.relief.ReliefDelivered;
import vn.hotline1022.events.relief.ReliefRefused;
import vn.hotline1022.events.relief.ReliefScheduled;

/** One line per event, in words an agent can read out to a caller who rings back. No personal data goes in. */
final class Summaries {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("dd/MM HH:mm")
            .withZone(ZoneId.of("Asia/Ho_Chi_Minh"));

    private Summaries() {
    }

    static String of(HotlineEvent event) {
        if (event instanceof TeamDispatched e) {
            return "Team " + e.teamName() + " dispatched (" + e.matchedBy() + ")";
        }
        if (event instanceof DispatchQueued e) {
            return "Waiting for a free team: " + e.reason();
        }
        if (event instanceof TeamArrived) {
            return "The team arrived";
        }
        if (event instanceof DispatchCompleted e) {
            return "The team finished: " + e.outcome()
                    + (e.followUpNeeds() == null || e.followUpNeeds().isEmpty() ? ""
                            : "; follow-up " + e.followUpNeeds());
        }
        // Patient transport: read out to a family that rings back, so in Vietnamese.
        if (event instanceof TransportDispatched e) {
            return "Xe cứu thương " + (e.teamCode() == null ? "" : e.teamCode() + " ") + "đang đến đón bệnh nhân"
                    + " đưa đến " + hospital(e.hospitalName(), e.hospitalCode())
                    + (e.bedType() == null ? "" : " (giường " + e.bedType() + ")");
        }
        if (event instanceof PatientPickedUp) {
            return "Đã đón bệnh nhân, đang chuyển đến bệnh viện";
        }
        if (event instanceof PatientHandedOver e) {
            return "Đã bàn giao bệnh nhân cho bệnh viện" + (e.hospitalCode() == null ? "" : " " + e.hospitalCode());
        }
        if (event instanceof PatientAdmitted e) {
            return hospital(e.hospitalName(), e.hospitalCode()) + " đã tiếp nhận bệnh nhân vào điều trị"
                    + (PatientAdmitted.HANDED_OVER_BY_TEAM.equals(e.how()) ? " (tổ vận chuyển bàn giao)"
                            : " (bệnh viện ghi nhận)");
        }
        if (event instanceof PatientReferred e) {
            return "Bed (" + e.bedType() + ") asked of " + e.hospitalName() + ", answer due by "
                    + LOCAL.format(e.answerDeadline()) + " (attempt " + e.attempt() + ")";
        }
        if (event instanceof ReferralAccepted e) {
            return e.hospitalName() + " accepted the patient" + (e.bedLabel() == null ? "" : ", bed " + e.bedLabel());
        }
        if (event instanceof ReferralRejected e) {
            return "The hospital declined (" + e.reason() + "); asking the next one";
        }
        if (event instanceof ReferralWaiting e) {
            return "No free " + e.bedType() + " bed in the province (" + e.reason() + "); waiting since "
                    + LOCAL.format(e.since()) + ", a hospital is asked as soon as one frees";
        }
        if (event instanceof ReferralExpired) {
            return "The hospital did not answer in time; asking the next one";
        }
        if (event instanceof ReliefScheduled e) {
            String items = e.items().stream().map(i -> i.quantity() + " " + i.unit() + " " + i.itemType()).collect(Collectors.joining(", "));
            return "Relief scheduled from programme " + e.programmeCode()
                    + (e.amountVnd() == null ? "" : ", " + e.amountVnd() + " VND")
                    + (items.isEmpty() ? "" : ", " + items)
                    + (e.expectedBy() == null ? "" : ", expected by " + LOCAL.format(e.expectedBy()));
        }
        if (event instanceof ReliefDelivered e) {
            return "Relief delivered" + (e.deliveredBy() == null ? "" : " by " + e.deliveredBy());
        }
        if (event instanceof ReliefRefused e) {
            return "Relief not scheduled (" + e.reason() + ")" + (e.queued() ? "; waiting for stock" : "");
        }
        if (event instanceof NotificationSent e) {
            return "The " + e.recipientKind().toLowerCase() + " was told about " + eventName(e.sourceEventType())
                    + " by " + e.channel();
        }
        if (event instanceof NotificationFailed e) {
            return "Could not tell the " + e.recipientKind().toLowerCase() + " about " + eventName(e.sourceEventType())
                    + " by " + e.channel();
        }
        return event.getClass().getSimpleName();
    }

    private static String hospital(String name, String code) {
        return name != null ? name : code != null ? "bệnh viện " + code : "bệnh viện";
    }

    /** "vn.hotline1022.dispatch.TeamDispatched.v1" → "TeamDispatched". */
    private static String eventName(String ceType) {
        if (ceType == null) {
            return "the case";
        }
        String[] parts = ceType.split("\\.");
        return parts.length >= 2 ? parts[parts.length - 2] : ceType;
    }
}
