package vn.hotline1022.events.common;

/** How the citizen reached the hotline; replies go back the same way where possible. */
public enum ContactChannel {
    PHONE,
    ZALO,
    APP,
    WEB,
    EMAIL
}
