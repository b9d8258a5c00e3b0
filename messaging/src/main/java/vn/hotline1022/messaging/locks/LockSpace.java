package vn.hotline1022.messaging.locks;

/**
 * Every kind of PostgreSQL advisory lock the services take, each in a class (space) of its own: the two-key form
 * {@code pg_advisory_xact_lock(space, key)} keeps the kinds apart, so a phone and a case whose keys happen to hash alike
 * never block each other. A new kind of lock gets a new constant here, never a number spelled in a query.
 */
public enum LockSpace {
    /** The outbox relay's key buckets (messaging). */
    OUTBOX_BUCKET(1022),
    /** Calls from one phone, and the citizen confirming a case of it (intake). */
    CALLER_PHONE(1101),
    /** Calls about one household address of a ward (intake); always taken after {@link #CALLER_PHONE}. */
    HOUSEHOLD_ADDRESS(1102),
    /** Changes of one ward's zone colour, also the very first (intake). */
    WARD_ZONE(1103),
    /** Creating the case-number sequences at start, once across instances (intake). */
    CASE_NUMBERS(1104),
    /** All dispatch work on one case (dispatch). */
    DISPATCH_CASE(1201),
    /** The notices of one case (notification). */
    NOTIFICATION_CASE(1501),
    /** One family's identities, its citizen ID and its address, across households (relief). */
    RELIEF_FAMILY(1401),
    /** Raising and resolving ops alerts, so that two ops instances never raise one alert twice (ops). */
    OPS_ALERTS(1601);

    private final int id;

    LockSpace(int id) {
        this.id = id;
    }

    public int id() {
        return id;
    }
}
