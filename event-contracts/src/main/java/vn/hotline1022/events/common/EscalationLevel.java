package vn.hotline1022.events.common;

/** The administrative level a case is handed up to when the level below cannot serve it. */
public enum EscalationLevel {
    WARD,
    DISTRICT,
    PROVINCE
}
