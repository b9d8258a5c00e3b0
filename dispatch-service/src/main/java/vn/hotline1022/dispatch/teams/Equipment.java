package vn.hotline1022.dispatch.teams;

/** What a team carries that changes where it is most useful. */
public enum Equipment {
    /** Oxygen cylinder or concentrator: preferred for OXYGEN_SUPPORT. */
    OXYGEN,
    /** Full protective kit: preferred for red-zone wards. */
    PROTECTIVE_KIT
}
