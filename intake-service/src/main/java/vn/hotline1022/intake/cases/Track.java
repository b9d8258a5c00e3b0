package vn.hotline1022.intake.cases;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;

import vn.hotline1022.events.common.Need;

/**
 * One part of a case that a service sees through to an outcome (một việc của hồ sơ). A case is resolved when each of
 * its tracks has reached an outcome; each track keeps its own clock and its own "what it waits for".
 */
public enum Track {
    /** A rapid-response team's visit (tổ phản ứng nhanh đến nhà): dispatch-service. */
    VISIT(Waiting.TEAM, "tổ phản ứng nhanh đến nhà", "a team's visit"),
    /** Taking the patient to the accepting hospital (xe chuyển viện): dispatch-service's transport. */
    TRANSPORT(Waiting.TEAM_ON_THE_WAY, "xe chuyển bệnh nhân", "transport to hospital"),
    /** A hospital bed (giường bệnh viện): referral-service. */
    HOSPITAL(Waiting.BED, "giường bệnh viện", "a hospital bed"),
    /** Food, rent, cash or oxygen (cứu trợ): relief-service. */
    RELIEF(Waiting.RELIEF_DECISION, "hỗ trợ cứu trợ", "relief"),
    /** A question answered (trả lời thông tin): the agent. */
    ANSWER(Waiting.AGENT_ANSWER, "trả lời thông tin", "an answer"),
    /** A reported violation checked (xác minh phản ánh): the ward or district official. */
    VERIFICATION(Waiting.OFFICIAL, "cán bộ xác minh phản ánh", "an official's check");

    private final Waiting firstWait;
    private final String vi;
    private final String en;

    Track(Waiting firstWait, String vi, String en) {
        this.firstWait = firstWait;
        this.vi = vi;
        this.en = en;
    }

    /** What a new or reopened track waits for first. */
    public Waiting firstWait() {
        return firstWait;
    }

    public String vi() {
        return vi;
    }

    public String en() {
        return en;
    }

    /** The tracks these needs open; transport opens only when a hospital has accepted the patient. */
    public static Set<Track> forNeeds(Collection<Need> needs) {
        Set<Track> tracks = EnumSet.noneOf(Track.class);
        for (Need n : needs) {
            if (n.needsFieldTeam()) {
                tracks.add(VISIT);
            }
            if (n.needsHospital()) {
                tracks.add(HOSPITAL);
            }
            if (n.isRelief()) {
                tracks.add(RELIEF);
            }
            if (n == Need.INFORMATION) {
                tracks.add(ANSWER);
            }
            if (n == Need.VIOLATION_REPORT) {
                tracks.add(VERIFICATION);
            }
        }
        return tracks;
    }
}
