package vn.hotline1022.intake.timeline;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
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
import vn.hotline1022.events.referral.PatientDischarged;
import vn.hotline1022.events.referral.PatientReferred;
import vn.hotline1022.events.referral.ReferralAccepted;
import vn.hotline1022.events.referral.ReferralExpired;
import vn.hotline1022.events.referral.ReferralWaiting;
import vn.hotline1022.events.referral.ReferralRejected;
import vn.hotline1022.events.relief.ReliefDelivered;
import vn.hotline1022.events.relief.ReliefRefused;
import vn.hotline1022.events.relief.ReliefScheduled;
import vn.hotline1022.intake.cases.OutcomeWords;
import vn.hotline1022.intake.cases.Summary;

/**
 * One line per event, in Vietnamese words an agent can read out to a caller who rings back, and in English for the
 * console's switch. No personal data goes in: teams, hospitals and programmes are named, people never.
 */
final class TimelineLines {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("dd/MM HH:mm")
            .withZone(ZoneId.of("Asia/Ho_Chi_Minh"));
    /** Amounts in đồng are grouped with dots in Vietnamese: 1.500.000. */
    private static final Locale VIETNAMESE = Locale.forLanguageTag("vi-VN");

    private TimelineLines() {
    }

    static Summary of(HotlineEvent event) {
        if (event instanceof TeamDispatched e) {
            return new Summary("Đã điều tổ " + e.teamName() + " (" + VietnameseWords.matchedBy(e.matchedBy()) + ")",
                    "Team " + e.teamName() + " dispatched (" + e.matchedBy() + ")");
        }
        if (event instanceof DispatchQueued e) {
            return new Summary("Đang chờ tổ phản ứng nhanh: " + VietnameseWords.queueReason(e.reason())
                    + " (mức ưu tiên " + e.priority() + ")",
                    "Waiting for a free team: " + e.reason() + " (priority " + e.priority() + ")");
        }
        if (event instanceof TeamArrived) {
            return new Summary("Tổ đã đến nơi", "The team arrived");
        }
        if (event instanceof DispatchCompleted e) {
            boolean followUp = e.followUpNeeds() != null && !e.followUpNeeds().isEmpty();
            return new Summary("Tổ đã xong: " + VietnameseWords.outcome(e.outcome())
                    + (followUp ? "; cần thêm: " + VietnameseWords.needs(e.followUpNeeds()) : ""),
                    "The team finished: " + e.outcome() + (followUp ? "; follow-up " + e.followUpNeeds() : ""));
        }
        if (event instanceof TransportDispatched e) {
            return new Summary("Xe cứu thương " + (e.teamCode() == null ? "" : e.teamCode() + " ")
                    + "đang đến đón bệnh nhân đưa đến " + hospital(e.hospitalName(), e.hospitalCode())
                    + (e.bedType() == null ? "" : " (" + VietnameseWords.bed(e.bedType()) + ")"),
                    "Ambulance " + (e.teamCode() == null ? "" : e.teamCode() + " ")
                            + "on its way to take the patient to " + hospitalEn(e.hospitalName(), e.hospitalCode())
                            + (e.bedType() == null ? "" : " (" + e.bedType() + " bed)"));
        }
        if (event instanceof PatientPickedUp) {
            return new Summary("Đã đón bệnh nhân, đang chuyển đến bệnh viện",
                    "The patient was picked up and is on the way to the hospital");
        }
        if (event instanceof PatientHandedOver e) {
            String code = e.hospitalCode() == null ? "" : " " + e.hospitalCode();
            return new Summary("Đã bàn giao bệnh nhân cho bệnh viện" + code,
                    "The patient was handed over to the hospital" + code);
        }
        if (event instanceof PatientAdmitted e) {
            boolean byTeam = PatientAdmitted.HANDED_OVER_BY_TEAM.equals(e.how());
            return new Summary(hospital(e.hospitalName(), e.hospitalCode()) + " đã tiếp nhận bệnh nhân vào điều trị"
                    + (byTeam ? " (tổ vận chuyển bàn giao)" : " (bệnh viện ghi nhận)"),
                    hospitalEn(e.hospitalName(), e.hospitalCode()) + " admitted the patient"
                            + (byTeam ? " (handed over by the transport team)" : " (recorded by the hospital)"));
        }
        if (event instanceof PatientDischarged e) {
            String to = e.transferredTo() == null ? "" : " (đến cơ sở " + e.transferredTo() + ")";
            return new Summary(hospital(e.hospitalName(), e.hospitalCode()) + ": "
                    + OutcomeWords.vi(e.disposition()) + to,
                    hospitalEn(e.hospitalName(), e.hospitalCode()) + ": " + OutcomeWords.en(e.disposition())
                            + (e.transferredTo() == null ? "" : " (to facility " + e.transferredTo() + ")"));
        }
        if (event instanceof PatientReferred e) {
            return new Summary("Đã đề nghị " + e.hospitalName() + " nhận bệnh nhân ("
                    + VietnameseWords.bed(e.bedType()) + "), hạn trả lời " + LOCAL.format(e.answerDeadline())
                    + " (lần " + e.attempt() + ")" + (e.routingReason() == null ? "" : "; " + e.routingReason()),
                    "Bed (" + e.bedType() + ") asked of " + e.hospitalName() + ", answer due by "
                            + LOCAL.format(e.answerDeadline()) + " (attempt " + e.attempt() + ")");
        }
        if (event instanceof ReferralAccepted e) {
            boolean labelled = e.bedLabel() != null;
            return new Summary(e.hospitalName() + " đã nhận bệnh nhân" + (labelled ? ", giường " + e.bedLabel() : ""),
                    e.hospitalName() + " accepted the patient" + (labelled ? ", bed " + e.bedLabel() : ""));
        }
        if (event instanceof ReferralRejected e) {
            return new Summary("Bệnh viện từ chối (" + VietnameseWords.rejection(e.reason())
                    + "); đang hỏi bệnh viện tiếp theo",
                    "The hospital declined (" + e.reason() + "); asking the next one");
        }
        if (event instanceof ReferralWaiting e) {
            return new Summary("Đang chờ " + VietnameseWords.bed(e.bedType()) + ": "
                    + VietnameseWords.waitingReason(e.reason()) + "; chờ từ " + LOCAL.format(e.since())
                    + ", bệnh viện sẽ được hỏi ngay khi có giường",
                    "No free " + e.bedType() + " bed in the province (" + e.reason() + "); waiting since "
                            + LOCAL.format(e.since()) + ", a hospital is asked as soon as one frees");
        }
        if (event instanceof ReferralExpired) {
            return new Summary("Bệnh viện không trả lời kịp; đang hỏi bệnh viện tiếp theo",
                    "The hospital did not answer in time; asking the next one");
        }
        if (event instanceof ReliefScheduled e) {
            String items = e.items().stream().map(i -> i.quantity() + " " + i.unit() + " " + i.itemType())
                    .collect(Collectors.joining(", "));
            String andItems = items.isEmpty() ? "" : ", " + items;
            return new Summary("Đã lên lịch hỗ trợ từ chương trình " + e.programmeCode()
                    + (e.amountVnd() == null ? "" : ", " + String.format(VIETNAMESE, "%,d", e.amountVnd()) + " đồng")
                    + andItems
                    + (e.expectedBy() == null ? "" : ", dự kiến trước " + LOCAL.format(e.expectedBy())),
                    "Relief scheduled from programme " + e.programmeCode()
                            + (e.amountVnd() == null ? "" : ", " + e.amountVnd() + " VND") + andItems
                            + (e.expectedBy() == null ? "" : ", expected by " + LOCAL.format(e.expectedBy())));
        }
        if (event instanceof ReliefDelivered e) {
            return new Summary("Đã trao hỗ trợ" + (e.deliveredBy() == null ? "" : " (" + e.deliveredBy() + " trao)"),
                    "Relief delivered" + (e.deliveredBy() == null ? "" : " by " + e.deliveredBy()));
        }
        if (event instanceof ReliefRefused e) {
            return new Summary("Chưa lên lịch hỗ trợ (" + VietnameseWords.reliefRefusal(e.reason()) + ")"
                    + (e.queued() ? "; đang chờ hàng về" : ""),
                    "Relief not scheduled (" + e.reason() + ")" + (e.queued() ? "; waiting for stock" : ""));
        }
        if (event instanceof NotificationSent e) {
            return new Summary("Đã báo cho " + VietnameseWords.recipient(e.recipientKind()) + " qua " + e.channel()
                    + ": " + stepVi(e.sourceEventType()),
                    "The " + e.recipientKind().toLowerCase() + " was told about " + eventName(e.sourceEventType())
                            + " by " + e.channel());
        }
        if (event instanceof NotificationFailed e) {
            return new Summary("Không báo được cho " + VietnameseWords.recipient(e.recipientKind()) + " qua "
                    + e.channel() + ": " + stepVi(e.sourceEventType()),
                    "Could not tell the " + e.recipientKind().toLowerCase() + " about "
                            + eventName(e.sourceEventType()) + " by " + e.channel());
        }
        String name = event.getClass().getSimpleName();
        return new Summary(name, name);
    }

    private static String hospital(String name, String code) {
        return name != null ? name : code != null ? "bệnh viện " + code : "bệnh viện";
    }

    private static String hospitalEn(String name, String code) {
        return name != null ? name : code != null ? "hospital " + code : "the hospital";
    }

    /** The step a notice was about, in Vietnamese: "đã điều tổ" for a TeamDispatched. */
    private static String stepVi(String ceType) {
        return ceType == null ? "hồ sơ" : VietnameseWords.event(eventName(ceType));
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
