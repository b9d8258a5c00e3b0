package vn.hotline1022.intake.timeline;

import java.util.Collection;
import java.util.stream.Collectors;

import vn.hotline1022.events.common.BedType;
import vn.hotline1022.events.common.ContactChannel;
import vn.hotline1022.events.dispatch.DispatchOutcome;
import vn.hotline1022.intake.cases.LinkedBy;

/**
 * The Vietnamese words of the values timeline lines name (a need, a team's match, a refusal's reason...), one home
 * for every line intake writes: the words an agent reads out, lower case for the middle of a sentence, close to the
 * console's (messages/vi.json). The values that travel as Strings may grow upstream: one not known here is shown as
 * it is rather than breaking the line.
 */
public final class VietnameseWords {

    private VietnameseWords() {
    }

    /** Where a case stands, as a citizen is told (trạng thái hồ sơ). */
    public static String status(vn.hotline1022.intake.cases.CaseStatus status) {
        return switch (status) {
            case OPEN -> "đã tiếp nhận";
            case IN_PROGRESS -> "đang xử lý";
            case RESOLVED -> "đã hoàn tất";
        };
    }

    /** A need (Need), by its name: case rows keep names. */
    public static String need(String need) {
        return switch (String.valueOf(need)) {
            case "EMERGENCY_TRANSPORT" -> "xe cấp cứu";
            case "HOSPITAL_ADMISSION" -> "nhập viện";
            case "MEDICAL_CONSULTATION" -> "tư vấn y tế";
            case "FOOD" -> "lương thực";
            case "RENT_SUPPORT" -> "hỗ trợ tiền thuê nhà";
            case "CASH_SUPPORT" -> "hỗ trợ tiền mặt";
            case "OXYGEN_SUPPORT" -> "hỗ trợ ô-xy";
            case "INFORMATION" -> "hỏi thông tin";
            case "VIOLATION_REPORT" -> "phản ánh vi phạm";
            default -> String.valueOf(need);
        };
    }

    /** Needs (Need values or their names), comma-separated. */
    public static String needs(Collection<?> needs) {
        return needs.stream().map(n -> need(String.valueOf(n))).collect(Collectors.joining(", "));
    }

    /** How the team relates to the case's place (TeamDispatched.matchedBy), in dispatch's order of preference. */
    public static String matchedBy(String matchedBy) {
        return switch (String.valueOf(matchedBy)) {
            case "SAME_WARD" -> "cùng phường/xã";
            case "SAME_DISTRICT" -> "cùng quận/huyện";
            case "MUTUAL_AID" -> "hỗ trợ từ quận/huyện khác";
            case "PROVINCIAL_RESERVE" -> "đội dự bị của tỉnh";
            default -> String.valueOf(matchedBy);
        };
    }

    /** Why no team was sent yet (DispatchQueued.reason). */
    public static String queueReason(String reason) {
        return switch (String.valueOf(reason)) {
            case "NO_TEAM_AVAILABLE" -> "chưa có tổ nào rảnh";
            case "AWAITING_DISPATCHER" -> "chờ điều phối viên xác nhận tổ";
            default -> String.valueOf(reason);
        };
    }

    /** What the team's visit led to. */
    public static String outcome(DispatchOutcome outcome) {
        if (outcome == null) {
            return "chưa rõ kết quả";
        }
        return switch (outcome) {
            case RESOLVED_ON_SITE -> "đã xử lý tại chỗ";
            case NEEDS_HOSPITAL -> "cần nhập viện";
            case NEEDS_RELIEF -> "cần hỗ trợ an sinh";
            case NO_CONTACT -> "không có người ở địa chỉ";
        };
    }

    /** A hospital bed type, with the word "giường". */
    public static String bed(BedType bed) {
        if (bed == null) {
            return "giường";
        }
        return switch (bed) {
            case ICU -> "giường hồi sức tích cực (ICU)";
            case OXYGEN -> "giường có ô-xy";
            case GENERAL -> "giường thường";
        };
    }

    /** Why a hospital declined (ReferralRejected.reason). */
    public static String rejection(String reason) {
        return switch (String.valueOf(reason)) {
            case "NO_BEDS" -> "hết giường loại này";
            case "NO_SPECIALTY" -> "không có chuyên khoa phù hợp";
            case "NO_STAFF" -> "không đủ nhân lực điều trị";
            case "OTHER" -> "lý do khác";
            default -> String.valueOf(reason);
        };
    }

    /** Why a referral waits (ReferralWaiting.reason). */
    public static String waitingReason(String reason) {
        return switch (String.valueOf(reason)) {
            case "NO_FREE_BED" -> "trong tỉnh không bệnh viện nào còn giường trống";
            default -> String.valueOf(reason);
        };
    }

    /** Why relief was not scheduled (ReliefRefused.reason). */
    public static String reliefRefusal(String reason) {
        return switch (String.valueOf(reason)) {
            case "OUT_OF_STOCK" -> "hết hàng";
            case "DUPLICATE" -> "trùng với hỗ trợ hộ đã được nhận hoặc đang chờ";
            case "CAP_REACHED" -> "hộ đã nhận đủ mức hỗ trợ của kỳ này";
            case "INELIGIBLE" -> "không chương trình nào hỗ trợ nhu cầu này";
            default -> String.valueOf(reason);
        };
    }

    /** Who a notice went to (NotificationSent.recipientKind), with no name: the kind of recipient only. */
    public static String recipient(String kind) {
        return switch (String.valueOf(kind)) {
            case "CITIZEN" -> "người dân";
            case "OFFICIAL" -> "cán bộ địa bàn";
            case "OPS" -> "bộ phận vận hành";
            case "HOSPITAL" -> "bệnh viện";
            case "TEAM" -> "tổ phản ứng nhanh";
            default -> String.valueOf(kind);
        };
    }

    /** How the citizen reached the hotline. */
    public static String channel(ContactChannel channel) {
        if (channel == null) {
            return "không rõ kênh";
        }
        return switch (channel) {
            case PHONE -> "điện thoại";
            case ZALO -> "Zalo";
            case APP -> "ứng dụng";
            case WEB -> "trang web";
            case EMAIL -> "email";
            case SMS -> "tin nhắn SMS";
        };
    }

    /** The rule that attached a repeat call to the open case. */
    public static String linkedBy(LinkedBy linkedBy) {
        return linkedBy == LinkedBy.PHONE ? "cùng số điện thoại" : "cùng địa chỉ hộ gia đình, số điện thoại khác";
    }

    /** An administrative level (EscalationLevel, or an official's WARD / DISTRICT). */
    public static String level(String level) {
        return switch (String.valueOf(level)) {
            case "WARD" -> "phường/xã";
            case "DISTRICT" -> "quận/huyện";
            case "PROVINCE" -> "tỉnh/thành phố";
            default -> String.valueOf(level);
        };
    }

    /** How an agent ended a callback without a case ({@code CallbackRequest.Outcome}). */
    public static String callbackOutcome(String outcome) {
        return switch (outcome) {
            case "UNREACHABLE" -> "không liên lạc được với số điện thoại đã nhắn";
            case "NO_HELP_NEEDED" -> "người nhắn không cần hỗ trợ";
            case "NOT_A_REQUEST" -> "tin nhắn không phải yêu cầu hỗ trợ";
            case "EXPIRED" -> "quá hạn chờ gọi lại";
            default -> outcome;
        };
    }

    /** What an official's verification visit found (CaseVerified.outcome). */
    public static String verification(String outcome) {
        return switch (String.valueOf(outcome)) {
            case "VALID" -> "đúng như phản ánh";
            case "NOT_VALID" -> "không đúng như phản ánh";
            default -> "không liên lạc được";
        };
    }

    /** The step a notice was about, by event name (TeamDispatched → "đã điều tổ"). */
    public static String event(String eventName) {
        return switch (String.valueOf(eventName)) {
            case "CallReceived" -> "đã nhận cuộc gọi";
            case "RepeatCallLinked" -> "cuộc gọi lặp lại";
            case "CaseNeedsChanged" -> "nhu cầu thay đổi";
            case "CaseEscalated" -> "hồ sơ được chuyển cấp";
            case "CaseResolved" -> "hồ sơ đã giải quyết";
            case "CaseReopened" -> "hồ sơ được mở lại";
            case "CaseOwnerAssigned" -> "cán bộ nhận xử lý";
            case "CaseVerified" -> "kết quả xác minh";
            case "CaseHandedBack" -> "hồ sơ được chuyển lại";
            case "TeamDispatched" -> "đã điều tổ";
            case "TeamArrived" -> "tổ đã đến";
            case "DispatchCompleted" -> "tổ đã xong";
            case "DispatchQueued" -> "đang chờ tổ";
            case "TransportDispatched" -> "xe cứu thương đang đến";
            case "PatientPickedUp" -> "đã đón bệnh nhân";
            case "PatientHandedOver" -> "đã bàn giao bệnh nhân";
            case "PatientReferred" -> "đang hỏi bệnh viện";
            case "ReferralAccepted" -> "bệnh viện nhận bệnh nhân";
            case "ReferralRejected" -> "bệnh viện từ chối";
            case "ReferralExpired" -> "bệnh viện không trả lời kịp";
            case "ReferralWaiting" -> "đang chờ giường trống";
            case "PatientAdmitted" -> "đã nhập viện";
            case "PatientDischarged" -> "đã ra viện";
            case "ReliefScheduled" -> "đã lên lịch hỗ trợ";
            case "ReliefDelivered" -> "đã trao hỗ trợ";
            case "ReliefRefused" -> "chưa lên lịch hỗ trợ";
            case "RecipientCodeReissued" -> "mã nhận hỗ trợ mới";
            default -> String.valueOf(eventName);
        };
    }
}
