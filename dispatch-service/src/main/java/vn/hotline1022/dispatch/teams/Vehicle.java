package vn.hotline1022.dispatch.teams;

public enum Vehicle {
    AMBULANCE,
    CAR,
    /** Minibus or van: a crew with kit, or a few mild cases at once. */
    VAN,
    PICKUP,
    /** Reaches alleys (hẻm) that a car cannot. */
    MOTORBIKE,
    OTHER
}
