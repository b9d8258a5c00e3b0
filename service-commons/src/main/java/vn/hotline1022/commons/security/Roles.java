package vn.hotline1022.commons.security;

import java.util.List;

/**
 * The roles of the hotline1022 realm (identity/realm-hotline1022.json). Endpoints name them in
 * {@code @RolesAllowed}; tokens carry them in the {@code groups} claim.
 */
public final class Roles {

    /** Takes calls at the 1022 centre (điện thoại viên). */
    public static final String CALL_AGENT = "call-agent";
    /** Sends teams and watches the queue (điều phối viên). */
    public static final String DISPATCHER = "dispatcher";
    /** Member of a rapid-response team; acts only on its own team's assignments ({@code team_code} claim). */
    public static final String TEAM_MEMBER = "team-member";
    /** Hospital staff; sees and answers only its own hospital's referrals ({@code hospital_code} claim). */
    public static final String HOSPITAL_STAFF = "hospital-staff";
    /** Runs relief programmes and confirms deliveries, in its districts if {@code district_codes} is set. */
    public static final String RELIEF_OFFICER = "relief-officer";
    /**
     * Ward or district official (cán bộ phường/xã, quận/huyện): verifies, resolves or hands back the cases of their
     * area only ({@code ward_codes} or {@code district_codes} claim; without either, nothing: {@link OfficialArea}).
     */
    public static final String OFFICIAL = "official";
    /** Operations: reference data, capacity, watching the system. */
    public static final String OPS = "ops";
    public static final String ADMIN = "admin";

    public static final List<String> ALL = List.of(CALL_AGENT, DISPATCHER, TEAM_MEMBER, HOSPITAL_STAFF, RELIEF_OFFICER,
            OFFICIAL, OPS, ADMIN);

    private Roles() {
    }
}
