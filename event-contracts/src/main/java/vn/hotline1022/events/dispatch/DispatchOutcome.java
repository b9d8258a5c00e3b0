package vn.hotline1022.events.dispatch;

/** What the visit led to; decides which service acts next. */
public enum DispatchOutcome {
    RESOLVED_ON_SITE,
    /** referral-service looks for a bed. */
    NEEDS_HOSPITAL,
    /** relief-service schedules a delivery. */
    NEEDS_RELIEF,
    /** Nobody at the address. */
    NO_CONTACT
}
