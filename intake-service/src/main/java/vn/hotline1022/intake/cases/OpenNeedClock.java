package vn.hotline1022.intake.cases;

import java.util.Collection;

import vn.hotline1022.events.common.Need;

/**
 * The case's resolution clock follows the needs still open: when the strictest need reached its outcome, the clock of
 * what is left applies (an answered emergency no longer makes a question overdue at five hours). Implemented by the
 * SLA policy, which owns the durations; declared here so the lifecycle does not depend on it.
 */
public interface OpenNeedClock {

    /** Moves the resolution deadline to the one of {@code openNeeds}, never earlier than it is. */
    void follow(HotlineCase c, Collection<Need> openNeeds);
}
