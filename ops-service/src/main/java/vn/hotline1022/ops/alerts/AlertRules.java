package vn.hotline1022.ops.alerts;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import vn.hotline1022.ops.OpsConfig;
import vn.hotline1022.ops.alerts.Condition.Rule;
import vn.hotline1022.ops.alerts.Condition.Severity;
import vn.hotline1022.ops.deadletters.DeadLetterTally;
import vn.hotline1022.ops.flow.FlowSnapshot;
import vn.hotline1022.ops.flow.GroupLag;
import vn.hotline1022.ops.health.ServiceHealth;
import vn.hotline1022.ops.health.ServiceHealthPoller;
import vn.hotline1022.ops.signals.AlertSignals;

/**
 * The alert rules, evaluated after every sample of the flow: which conditions hold now. Details are one line in
 * Vietnamese and English, without personal data.
 */
@ApplicationScoped
public class AlertRules {

    private static final Logger LOG = Logger.getLogger(AlertRules.class);

    @Inject
    OpsConfig config;

    @Inject
    Alerts alerts;

    @Inject
    DeadLetterTally deadLetters;

    @Inject
    ServiceHealthPoller health;

    @Inject
    AlertSignals signals;

    void onSample(@Observes FlowSnapshot flow) {
        try {
            alerts.reconcile(EnumSet.allOf(Rule.class), holding(flow));
        } catch (RuntimeException e) {
            LOG.warnf("Alert rules not evaluated this time: %s", e.toString());
        }
    }

    List<Condition> holding(FlowSnapshot flow) {
        List<Condition> holding = new ArrayList<>();
        for (GroupLag g : flow.groups()) {
            String subject = g.group() + " / " + g.topic();
            if (g.state() == GroupLag.GroupState.STALLED) {
                holding.add(new Condition(Rule.CONSUMER_STALLED, subject, Severity.CRITICAL, g.lag()
                        + " sự kiện chờ, không tiến triển từ " + g.stateSince() + " (" + g.lag()
                        + " events waiting, no progress since " + g.stateSince() + ")"));
            }
            if (g.lag() > config.lagThreshold()) {
                holding.add(new Condition(Rule.CONSUMER_LAG, subject, Severity.WARNING, "Độ trễ " + g.lag()
                        + " > " + config.lagThreshold() + " (lag " + g.lag() + ")"));
            }
        }
        deadLetters.newPerTopic().forEach((topic, n) -> holding.add(new Condition(Rule.DLQ_GROWTH, topic,
                Severity.WARNING, n + " thư chết chờ xử lý (" + n + " dead letters waiting)")));
        for (ServiceHealth s : health.latest()) {
            if (!"UP".equals(s.status())) {
                holding.add(new Condition(Rule.SERVICE_DOWN, s.service(), Severity.CRITICAL,
                        "Dịch vụ " + s.status() + " (service " + s.status() + ")"));
            }
            if (s.outboxOldestSeconds() != null && s.outboxOldestSeconds() > config.outboxAgeThreshold().toSeconds()) {
                holding.add(new Condition(Rule.OUTBOX_AGE, s.service(), Severity.CRITICAL, s.outboxPending()
                        + " sự kiện chưa gửi, cũ nhất " + s.outboxOldestSeconds() + " giây (" + s.outboxPending()
                        + " events unpublished, oldest " + s.outboxOldestSeconds() + " s)"));
            }
        }
        Instant since = Instant.now().minus(config.signalWindow());
        String window = config.signalWindow().toMinutes() + " min";
        signals.countSince(AlertSignals.Kind.SLA_ESCALATIONS, since).forEach((district, n) -> {
            if (n >= config.escalationsPerDistrict()) {
                holding.add(new Condition(Rule.SLA_ESCALATIONS, district, Severity.WARNING, n
                        + " ca quá hạn chuyển cấp trong " + window + " (" + n + " SLA escalations in " + window + ")"));
            }
        });
        signals.countSince(AlertSignals.Kind.REFERRAL_EXPIRIES, since).forEach((hospital, n) -> {
            if (n >= config.referralExpiries()) {
                holding.add(new Condition(Rule.REFERRAL_EXPIRIES, hospital, Severity.WARNING, n
                        + " yêu cầu chuyển viện hết hạn trong " + window + " (" + n + " referrals expired in " + window
                        + ")"));
            }
        });
        Duration wait = config.referralWaitThreshold();
        signals.waitingSince(Instant.now().minus(wait)).forEach((province, n) -> holding.add(new Condition(
                Rule.REFERRAL_WAITING, province, Severity.CRITICAL, n + " người bệnh chờ giường quá " + wait.toMinutes()
                        + " phút (" + n + " patients waiting for a bed over " + wait.toMinutes() + " min)")));
        signals.countSince(AlertSignals.Kind.NOTIFICATION_FAILURES, since).forEach((channel, n) -> {
            if (n >= config.notificationFailures()) {
                holding.add(new Condition(Rule.NOTIFICATION_FAILURES, channel, Severity.WARNING, n
                        + " thông báo gửi thất bại trong " + window + " (" + n + " notices failed in " + window + ")"));
            }
        });
        return holding;
    }
}
