package vn.hotline1022.intake.cases;

/** Why an agent, an official or the citizen closed what was left of a case by hand (lý do đóng hồ sơ); audited. */
public enum CloseReason {
    ANSWERED_ON_CALL("đã trả lời qua điện thoại"),
    DUPLICATE("trùng hồ sơ khác"),
    WRONG_NUMBER("gọi nhầm số"),
    OTHER_AGENCY("cơ quan khác đã xử lý"),
    CONFIRMED_BY_CITIZEN("người gọi xác nhận đã nhận hỗ trợ"),
    RESOLVED_BY_OFFICIAL("cán bộ phụ trách đã giải quyết");

    private final String vi;

    CloseReason(String vi) {
        this.vi = vi;
    }

    public String vi() {
        return vi;
    }
}
