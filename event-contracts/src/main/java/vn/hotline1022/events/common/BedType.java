package vn.hotline1022.events.common;

/** Hospital capacity is counted per bed type, so a referral asks for one. */
public enum BedType {
    ICU,
    OXYGEN,
    GENERAL
}
