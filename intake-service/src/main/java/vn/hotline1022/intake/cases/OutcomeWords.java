package vn.hotline1022.intake.cases;

/**
 * The words people read for a track's outcome (kết quả), Vietnamese first: on the timeline, the citizen's page and the
 * officials' lists. An outcome code not known here is shown as it is rather than breaking the line.
 */
public final class OutcomeWords {

    private OutcomeWords() {
    }

    public static String vi(String outcome) {
        if (outcome == null) {
            return "chưa có kết quả";
        }
        if (outcome.equals(NeedTracks.CLOSED + CloseReason.RESOLVED_BY_OFFICIAL.name())
                || outcome.equals(NeedTracks.CLOSED + CloseReason.CONFIRMED_BY_CITIZEN.name())) {
            return closeReasonVi(outcome.substring(NeedTracks.CLOSED.length()));
        }
        if (outcome.startsWith(NeedTracks.CLOSED)) {
            return "đóng thủ công: " + closeReasonVi(outcome.substring(NeedTracks.CLOSED.length()));
        }
        if (outcome.startsWith("REFUSED:")) {
            return "không được cứu trợ: " + refusalVi(outcome.substring("REFUSED:".length()));
        }
        return switch (outcome) {
            case "RESOLVED_ON_SITE" -> "tổ đã giải quyết tại nhà";
            case "NEEDS_HOSPITAL" -> "tổ đã khám, cần nhập viện";
            case "NEEDS_RELIEF" -> "tổ đã đến, cần cứu trợ";
            case "NO_CONTACT" -> "tổ đến nhưng không gặp được người";
            case "HANDED_OVER" -> "đã bàn giao bệnh nhân cho bệnh viện";
            case "ADMITTED" -> "bệnh viện đã nhận bệnh nhân";
            case "DISCHARGED" -> "đã ra viện";
            case "TRANSFERRED" -> "đã chuyển viện";
            case "DECEASED" -> "đã tử vong tại bệnh viện";
            case "DELIVERED" -> "đã giao hàng cứu trợ";
            case NeedTracks.ANSWERED_ON_CALL -> "đã trả lời qua điện thoại";
            default -> outcome;
        };
    }

    public static String en(String outcome) {
        if (outcome == null) {
            return "no outcome yet";
        }
        if (outcome.startsWith(NeedTracks.CLOSED)) {
            return "closed by hand: " + outcome.substring(NeedTracks.CLOSED.length()).toLowerCase().replace('_', ' ');
        }
        if (outcome.startsWith("REFUSED:")) {
            return "relief refused: " + outcome.substring("REFUSED:".length()).toLowerCase().replace('_', ' ');
        }
        return switch (outcome) {
            case "RESOLVED_ON_SITE" -> "resolved on site by the team";
            case "NEEDS_HOSPITAL" -> "examined; needs a hospital";
            case "NEEDS_RELIEF" -> "visited; needs relief";
            case "NO_CONTACT" -> "nobody at the address";
            case "HANDED_OVER" -> "patient handed over to the hospital";
            case "ADMITTED" -> "admitted by the hospital";
            case "DISCHARGED" -> "discharged";
            case "TRANSFERRED" -> "transferred to another hospital";
            case "DECEASED" -> "died in hospital";
            case "DELIVERED" -> "relief delivered";
            case NeedTracks.ANSWERED_ON_CALL -> "answered on the call";
            default -> outcome.toLowerCase().replace('_', ' ');
        };
    }

    /** Why a person closed a case by hand ({@link CloseReason}). */
    public static String closeReasonVi(String reason) {
        try {
            return CloseReason.valueOf(reason).vi();
        } catch (IllegalArgumentException unknown) {
            return reason.toLowerCase().replace('_', ' ');
        }
    }

    /** ReliefRefused reasons. */
    public static String refusalVi(String reason) {
        return switch (String.valueOf(reason)) {
            case "DUPLICATE" -> "đã nhận trong đợt này";
            case "INELIGIBLE" -> "không thuộc diện hỗ trợ";
            case "OUT_OF_STOCK" -> "hết hàng";
            case "CAP_REACHED" -> "đã nhận đủ mức hỗ trợ";
            default -> String.valueOf(reason);
        };
    }
}
