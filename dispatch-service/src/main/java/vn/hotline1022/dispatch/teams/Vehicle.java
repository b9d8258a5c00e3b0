package vn.hotline1022.dispatch.teams;

public enum Vehicle {
    AMBULANCE,
    CAR,
    /** Reaches alleys (hẻm) that a car cannot. */
    MOTORBIKE,
    OTHER
}
