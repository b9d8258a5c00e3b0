package vn.hotline1022.intake.sla;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Set;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import vn.hotline1022.events.common.EscalationLevel;
import vn.hotline1022.events.common.Location;
import vn.hotline1022.events.common.Need;
import vn.hotline1022.events.common.Vulnerability;
import vn.hotline1022.events.intake.CaseEscalated;
import vn.hotline1022.intake.IntakeConfig;
import vn.hotline1022.intake.cases.CaseLifecycle;
import vn.hotline1022.intake.cases.HotlineCase;
import vn.hotline1022.intake.cases.Summary;
import vn.hotline1022.intake.cases.Triage;
import vn.hotline1022.intake.timeline.VietnameseWords;
import vn.hotline1022.intake.zones.ZoneStatus;

/**
 * Watches the SLA clocks (đồng hồ xử lý). Every missed clock — no first action in time, not resolved in time — and
 * every time the citizen says help did not arrive raises the case's due level by one: WARD → DISTRICT → PROVINCE.
 * A case below its due level goes up ONE level per check, with one CaseEscalated; its priority is re-assessed with
 * the level (waiting time counts in triage).
 *
 * <p>Exactly once per level, across instances and restarts: the level is stored on the case; a check selects only
 * cases whose stored level is below their due level, locks them ({@code for update skip locked}: another instance
 * checking at the same moment skips them, and sees the new level once this one commits), and writes the new level
 * with the event in one transaction (outbox).
 */
@ApplicationScoped
public class SlaClock {

    private static final Logger LOG = Logger.getLogger(SlaClock.class);
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("dd/MM HH:mm")
            .withZone(ZoneId.of("Asia/Ho_Chi_Minh"));
    private static final int TOP = EscalationLevel.PROVINCE.ordinal();
    /** The level a case should be at, given {@code ?1} = now. */
    static final String DUE_LEVEL = """
            least(%d,
                  (case when (first_action_at is null and first_action_due < ?1) or first_action_at > first_action_due
                        then 1 else 0 end)
                + (case when (resolved_at is null and resolution_due < ?1) or resolved_at > resolution_due
                        then 1 else 0 end)
                + reopen_count)
            """.formatted(TOP);
    private static final String DUE = """
            select id from hotline_case
            where status <> 'RESOLVED' and escalation_level < %s
              and (escalated_at is null or escalated_at < ?1)
            order by priority desc, opened_at
            limit ?2
            for update skip locked
            """.formatted(DUE_LEVEL);

    @Inject
    CaseLifecycle lifecycle;

    @Inject
    EntityManager em;

    @Inject
    IntakeConfig config;

    @Inject
    Triage triage;

    @Scheduled(identity = "sla-escalation", every = "${hotline.intake.sla.check-every:60s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class) // not while starting or shutting down
    void check() {
        int n = escalateOverdue(Instant.now());
        if (n > 0) {
            LOG.infof("%d case(s) escalated for missed SLA clocks", n);
        }
    }

    /**
     * Escalates every case that is below its due level as of {@code now} by one level; a case escalated by this call
     * ({@code escalated_at = now}) is not taken again by it. Safe to run on several instances at once.
     *
     * @return how many cases were escalated
     */
    public int escalateOverdue(Instant now) {
        int total = 0;
        while (true) {
            int n = QuarkusTransaction.requiringNew().call(() -> escalateBatch(now));
            total += n;
            if (n < config.sla().batchSize()) {
                return total;
            }
        }
    }

    private int escalateBatch(Instant now) {
        @SuppressWarnings("unchecked")
        List<UUID> ids = em.createNativeQuery(DUE, UUID.class).setParameter(1, now)
                .setParameter(2, config.sla().batchSize()).getResultList();
        for (UUID id : ids) {
            escalate(HotlineCase.findById(id), now);
        }
        return ids.size();
    }

    private void escalate(HotlineCase c, Instant now) {
        c.escalationLevel++;
        c.escalatedAt = now;
        EscalationLevel level = c.escalation();
        // Waiting counts in triage: re-assess with the new level (priority is never lowered).
        Triage.Assessment assessment = triage.assess(c.needs.stream().map(Need::valueOf).toList(),
                vulnerabilities(c), c.householdSize, c.repeatCount,
                ZoneStatus.colourOf(c.wardCode).orElse(null), level);
        c.priority = Math.max(c.priority, assessment.priority());
        c.priorityReasons = assessment.reasons();
        c.updatedAt = now;
        Summary reason = reason(c, now);
        lifecycle.record(c, new CaseEscalated(c.id, c.code, now, level, reason.en(),
                c.needs.stream().map(Need::valueOf).toList(),
                new Location(c.provinceCode, c.districtCode, c.wardCode, c.addressText, c.latitude, c.longitude),
                c.priority), new Summary("Chuyển lên cấp " + VietnameseWords.level(level.name()) + ": " + reason.vi(),
                        "Escalated to the " + level.name().toLowerCase() + " level: " + reason.en()));
        LOG.infof("Case %s escalated to %s: %s", c.code, level, reason.en());
    }

    private static Set<Vulnerability> vulnerabilities(HotlineCase c) {
        Set<Vulnerability> set = EnumSet.noneOf(Vulnerability.class);
        c.vulnerabilities.forEach(v -> set.add(Vulnerability.valueOf(v)));
        return set;
    }

    /** What was missed: Vietnamese for the timeline, English for the timeline's switch and CaseEscalated.reason. */
    private static Summary reason(HotlineCase c, Instant now) {
        List<String> vi = new ArrayList<>();
        List<String> en = new ArrayList<>();
        if ((c.firstActionAt == null && c.firstActionDue.isBefore(now))
                || (c.firstActionAt != null && c.firstActionAt.isAfter(c.firstActionDue))) {
            vi.add("chưa được xử lý ban đầu trước " + LOCAL.format(c.firstActionDue));
            en.add("no first action by " + LOCAL.format(c.firstActionDue));
        }
        if ((c.resolvedAt == null && c.resolutionDue.isBefore(now))
                || (c.resolvedAt != null && c.resolvedAt.isAfter(c.resolutionDue))) {
            vi.add("chưa giải quyết xong trước " + LOCAL.format(c.resolutionDue));
            en.add("not resolved by " + LOCAL.format(c.resolutionDue));
        }
        if (c.reopenCount > 0) {
            vi.add("người dân báo chưa nhận được hỗ trợ" + (c.reopenCount > 1 ? " (" + c.reopenCount + " lần)" : ""));
            en.add("the citizen said help did not arrive" + (c.reopenCount > 1 ? " (" + c.reopenCount + "×)" : ""));
        }
        return new Summary(String.join("; ", vi), String.join("; ", en));
    }
}
