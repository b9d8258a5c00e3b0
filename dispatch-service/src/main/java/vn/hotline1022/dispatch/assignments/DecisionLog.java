package vn.hotline1022.dispatch.assignments;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import vn.hotline1022.messaging.tx.AfterCommit;

/**
 * The log line of each dispatch decision, written once the decision has committed: a batch rolled back and handled
 * again must not log a decision twice (operators and the two-instance test count decisions from these lines).
 */
@ApplicationScoped
class DecisionLog {

    private static final Logger LOG = Logger.getLogger(Dispatcher.class);

    @Inject
    AfterCommit afterCommit;

    void dispatched(Assignment a, String caseCode, String teamCode) {
        String line = String.format("Case %s: team %s dispatched (%s, %s)", caseCode, teamCode, a.matchedBy,
                a.automatic ? "automatic" : "by a dispatcher");
        afterCommit.once("decision-log:" + a.id, () -> LOG.info(line));
    }

    void queued(QueuedCase q, String caseCode, String reason) {
        String line = String.format("Case %s queued: %s", caseCode, reason);
        afterCommit.once("queue-log:" + q.caseId + ":" + q.queuedAt, () -> LOG.info(line));
    }
}
