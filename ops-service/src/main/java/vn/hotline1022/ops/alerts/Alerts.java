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
import vn.hotline1022.messaging.sql.Jdbc;

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

    @Inject
    Jdbc jdbc;

    public List<Alert> list(Alert.State state) {
        return state == null
                ? jdbc.query("select " + Alert.COLUMNS + " from alert order by raised_at desc limit 200", Alert::read)
                : jdbc.query("select " + Alert.COLUMNS + " from alert where state = ? order by raised_at desc limit 200",
                        Alert::read, state);
    }

    public long openCount() {
        return jdbc.number("select count(*) from alert where state = ?", Alert.State.OPEN);
    }

    /** Open alerts per rule. */
    public Map<String, Long> openPerRule() {
        Map<String, Long> open = new HashMap<>();
        jdbc.query("select rule, count(*) from alert where state = ? group by rule",
                rs -> open.put(rs.getString(1), rs.getLong(2)), Alert.State.OPEN);
        return open;
    }

    @Transactional
    public void reconcile(Set<Condition.Rule> evaluated, Collection<Condition> holding) {
        locks.lock(LockSpace.OPS_ALERTS, "reconcile");
        Instant now = Instant.now();
        Map<String, Condition> byKey = new HashMap<>();
        holding.forEach(c -> byKey.put(c.rule().name() + "\u0000" + c.subject(), c));
        for (Alert open : jdbc.query("select " + Alert.COLUMNS + " from alert where state = ?", Alert::read,
                Alert.State.OPEN)) {
            if (!evaluated.contains(Condition.Rule.valueOf(open.rule))) {
                continue;
            }
            Condition still = byKey.remove(open.rule + "\u0000" + open.subject);
            if (still != null) {
                jdbc.update("update alert set detail = ?, severity = ? where id = ?", still.detail(),
                        still.severity().name(), open.id);
                continue;
            }
            jdbc.update("update alert set state = ?, resolved_at = ? where id = ?", Alert.State.RESOLVED, now, open.id);
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
            jdbc.update("insert into alert (" + Alert.COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, null)", a.id, a.rule,
                    a.subject, a.severity, a.state, a.detail, a.raisedAt);
            outbox.publish(new OpsAlertRaised(a.id, now, a.rule, a.subject, a.severity, a.detail));
            LOG.warnf("Ops alert raised: %s %s — %s", a.rule, a.subject, a.detail);
        }
    }
}
