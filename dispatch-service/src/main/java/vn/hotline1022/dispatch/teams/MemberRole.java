package vn.hotline1022.dispatch.teams;

/** A crew member's job on the team. */
public enum MemberRole {
    /** Doctor, nurse or medic (nhân viên y tế): a team needs one to be sent to a medical need. */
    MEDICAL,
    DRIVER,
    SECURITY,
    /** Youth union, Red Cross and other volunteers (tình nguyện viên). */
    VOLUNTEER
}
