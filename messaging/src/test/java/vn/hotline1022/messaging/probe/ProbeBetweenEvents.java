package vn.hotline1022.messaging.probe;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import vn.hotline1022.messaging.inbox.BetweenEvents;

/** Counts the calls between events, per database transaction. */
@ApplicationScoped
public class ProbeBetweenEvents implements BetweenEvents {

    private final Map<Long, Integer> callsPerTransaction = new ConcurrentHashMap<>();

    @Inject
    EntityManager em;

    @Override
    public void afterEvent() {
        long tx = ((Number) em.createNativeQuery("select txid_current()").getSingleResult()).longValue();
        callsPerTransaction.merge(tx, 1, Integer::sum);
    }

    /** Read through a method: tests hold a client proxy, whose fields are not the bean's. */
    public int callsIn(long transaction) {
        return callsPerTransaction.getOrDefault(transaction, 0);
    }
}
