package vn.hotline1022.messaging.orm;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import vn.hotline1022.messaging.inbox.BetweenEvents;

/**
 * Between two events of a batch: the first event's changes are written (still uncommitted, in the batch's
 * transaction) and its entities let go, so the next event starts with an empty persistence context and reads what it
 * needs afresh. Measured with {@code ./hotline bench}: without it, relief spent a fifth of its CPU dirty-checking
 * entities earlier events of the batch had loaded.
 */
@ApplicationScoped
public class OrmBetweenEvents implements BetweenEvents {

    @Inject
    EntityManager em;

    @Override
    public void afterEvent() {
        em.flush();
        em.clear();
    }
}
