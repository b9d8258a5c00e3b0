package vn.hotline1022.dispatch.teams;

/**
 * A team became free (new, back on shift, a visit completed, a patient handed over): it takes the next job. An internal
 * event fired inside the transaction that freed it, so no class calls another feature to hand out work: the waiting
 * transports are offered first (their patients already have a bed), then the queue of cases.
 */
public record TeamFreed(Team team) {

    /** Observer order: transports take the team first; the queue only gets it if it is still free. */
    public static final int TRANSPORTS_FIRST = 100;
    public static final int THEN_THE_QUEUE = 200;
}
