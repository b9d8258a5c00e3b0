package vn.hotline1022.events.common;

/** Clinical severity as assessed in the field; decides the bed type asked for. */
public enum Severity {
    MILD,
    MODERATE,
    SEVERE,
    CRITICAL
}
