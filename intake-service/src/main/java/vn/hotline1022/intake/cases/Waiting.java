package vn.hotline1022.intake.cases;

/** What an open track waits for, as officials, dispatchers and the citizen are told (đang chờ gì). */
public enum Waiting {
    TEAM("chờ tổ phản ứng nhanh", "waiting for a team"),
    TEAM_ON_THE_WAY("tổ đang trên đường đến", "the team is on its way"),
    TEAM_ON_SITE("tổ đang ở nhà người bệnh", "the team is on site"),
    BED("chờ giường bệnh viện", "waiting for a hospital bed"),
    HOSPITAL_ANSWER("chờ bệnh viện trả lời", "waiting for the hospital's answer"),
    TRANSPORT("chờ xe chuyển đến bệnh viện", "waiting for transport to the hospital"),
    PATIENT_ON_THE_WAY("đang chở bệnh nhân đến bệnh viện", "the patient is on the way to hospital"),
    ADMISSION("chờ bệnh viện nhận bệnh nhân", "waiting for the hospital to admit"),
    RELIEF_DECISION("chờ xét duyệt cứu trợ", "waiting for a relief decision"),
    DELIVERY("chờ giao hàng cứu trợ", "waiting for the delivery"),
    STOCK("chờ nguồn hàng, kinh phí", "waiting for stock or funds"),
    AGENT_ANSWER("chờ tổng đài viên trả lời", "waiting for an agent's answer"),
    OFFICIAL("chờ cán bộ xác minh", "waiting for an official's check"),
    OFFICIAL_DECISION("đã xác minh, chờ cán bộ kết luận", "checked; waiting for the official's conclusion");

    private final String vi;
    private final String en;

    Waiting(String vi, String en) {
        this.vi = vi;
        this.en = en;
    }

    public String vi() {
        return vi;
    }

    public String en() {
        return en;
    }
}
