package vn.hotline1022.events.common;

/** How the citizen reached the hotline; replies go back the same way where possible. */
public enum ContactChannel {
    PHONE,
    ZALO,
    APP,
    WEB,
    EMAIL,
    /** A text message to the hotline's number, through the SMS gateway (tin nhắn SMS). */
    SMS
}
