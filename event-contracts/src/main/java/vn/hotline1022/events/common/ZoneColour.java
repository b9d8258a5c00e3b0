package vn.hotline1022.events.common;

/** Epidemic risk level of a ward, set by the steering committee; most to least restricted. */
public enum ZoneColour {
    /** vùng đỏ */
    RED,
    /** vùng cam */
    ORANGE,
    /** vùng vàng */
    YELLOW,
    /** vùng xanh */
    GREEN
}
