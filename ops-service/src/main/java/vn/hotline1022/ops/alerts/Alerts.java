package vn.hotline1022.ops.alerts;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import vn.hotline1022.events.ops.OpsAlertRaised;
import vn.hotline1022.events.ops.OpsAlertResolved;
import vn.hotline1022.messaging.locks.AdvisoryLocks;
import vn.hotline1022.messaging.locks.LockSpace;
import vn.hotline1022.messaging.outbox.Outbox;

/**
 * Open and resolved alerts. {@link #reconcile} is given every condition that holds now for a set of rules: an alert
 * is raised for a new one, kept (its detail updated) for one still holding, resolved for one that no longer does —
 * each change with its event in the outbox, in one transaction, under one lock so that two instances agree.
 */
@ApplicationScoped
public class Alerts {

    private static final Logger LOG = Logger.getLogger(Alerts.class);

    @Inject
    Outbox outbox;

    @Inject
    AdvisoryLocks locks;

    @Transactional
    public List<Alert> list(Alert.State state) {
        return state == null ? Alert.find("order by raisedAt desc").page(0, 200).list()
                : Alert.find("state = ?1 order by raisedAt desc", state).page(0, 200).list();
    }

    @Transactional
    public long openCount() {
        return Alert.count("state", Alert.State.OPEN);
    }

    @Transactional
    public void reconcile(Set<Condition.Rule> evaluated, Collection<Condition> holding) {
        locks.lock(LockSpace.OPS_ALERTS, "reconcile");
        Instant now = Instant.now();
        Map<String, Condition> byKey = new HashMap<>();
        holding.forEach(c -> byKey.put(c.rule().name() + "\u0000" + c.subject(), c));
        for (Alert open : Alert.<Alert> list("state", Alert.State.OPEN)) {
            if (!evaluated.contains(Condition.Rule.valueOf(open.rule))) {
                continue;
            }
            Condition still = byKey.remove(open.rule + "\u0000" + open.subject);
            if (still != null) {
                open.detail = still.detail();
                open.severity = still.severity().name();
                continue;
            }
            open.state = Alert.State.RESOLVED;
            open.resolvedAt = now;
            outbox.publish(new OpsAlertResolved(open.id, now, open.rule, open.subject, open.raisedAt));
            LOG.infof("Ops alert resolved: %s %s", open.rule, open.subject);
        }
        for (Condition c : byKey.values()) {
            Alert a = new Alert();
            a.id = UUID.randomUUID();
            a.rule = c.rule().name();
            a.subject = c.subject();
            a.severity = c.severity().name();
            a.state = Alert.State.OPEN;
            a.detail = c.detail();
            a.raisedAt = now;
            a.persist();
            outbox.publish(new OpsAlertRaised(a.id, now, a.rule, a.subject, a.severity, a.detail));
            LOG.warnf("Ops alert raised: %s %s — %s", a.rule, a.subject, a.detail);
        }
    }
}
