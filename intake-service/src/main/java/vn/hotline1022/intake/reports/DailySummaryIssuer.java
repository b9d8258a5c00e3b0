package vn.hotline1022.intake.reports;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import vn.hotline1022.events.intake.DailySummaryIssued;
import vn.hotline1022.intake.IntakeConfig;
import vn.hotline1022.messaging.outbox.Outbox;

/**
 * Issues the day's summary (tổng hợp trong ngày) of every district that had cases that local day, each once: a row per
 * day and district and its DailySummaryIssued event commit together, so a second instance running the same evening
 * job issues nothing again. Notification broadcasts each to the district's groups. The figures are the weekly
 * report's ({@link WeeklyReport}) over one day.
 */
@ApplicationScoped
public class DailySummaryIssuer {

    private static final Logger LOG = Logger.getLogger(DailySummaryIssuer.class);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    @Inject
    WeeklyReport reports;

    @Inject
    Outbox outbox;

    @Inject
    EntityManager em;

    @Inject
    IntakeConfig config;

    @Scheduled(identity = "daily-summary", cron = "${hotline.intake.daily-summary.cron:0 0 20 * * ?}",
            timeZone = "${hotline.intake.weekly-report.zone:Asia/Ho_Chi_Minh}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduled() {
        Instant now = Instant.now();
        int n = issue(now.atZone(ZoneId.of(config.weeklyReport().zone())).toLocalDate(), now);
        LOG.infof("Daily summaries: %d issued", n);
    }

    /** The summaries of {@code day}, each district once; returns how many this call issued. */
    public int issue(LocalDate day, Instant now) {
        ZoneId zone = ZoneId.of(config.weeklyReport().zone());
        Instant start = day.atStartOfDay(zone).toInstant();
        Instant end = day.plusDays(1).atStartOfDay(zone).toInstant();
        int issued = 0;
        for (Object[] district : reports.districtsWithCases(start, end)) {
            if (QuarkusTransaction.requiringNew().call(() -> issue(day, start, end, now, (String) district[0],
                    (String) district[1]))) {
                issued++;
            }
        }
        return issued;
    }

    private boolean issue(LocalDate day, Instant start, Instant end, Instant now, String province, String district) {
        UUID id = UUID.randomUUID();
        int claimed = em.createNativeQuery("""
                insert into daily_summary_issue (id, day, district_code, cases, issued_at)
                values (?1, ?2, ?3, 0, ?4) on conflict (day, district_code) do nothing
                """).setParameter(1, id).setParameter(2, day).setParameter(3, district).setParameter(4, now)
                .executeUpdate();
        if (claimed == 0) {
            return false; // issued already, by this instance before or by another
        }
        WeeklyReport.Report r = reports.of(day, start, end, now, new WeeklyReport.Area("DISTRICT", district));
        em.createNativeQuery("update daily_summary_issue set cases = ?1 where id = ?2").setParameter(1, r.cases())
                .setParameter(2, id).executeUpdate();
        long resolved = r.byStatus().getOrDefault("RESOLVED", 0L);
        String date = DAY.format(day);
        String summary = "Ngày " + date + ": " + r.cases() + " hồ sơ, " + resolved + " đã giải quyết, "
                + r.slaBreaches() + " vượt hạn, " + r.escalated() + " chuyển cấp, "
                + r.outcomes().reopenedNeeds() + " nhu cầu mở lại, " + r.outcomes().callersWithoutOutcome()
                + " người gọi từ 3 lần chưa có kết quả. (" + date + ": " + r.cases() + " cases, " + resolved
                + " resolved, " + r.slaBreaches() + " past their deadlines, " + r.escalated() + " escalated, "
                + r.outcomes().reopenedNeeds() + " needs reopened, " + r.outcomes().callersWithoutOutcome()
                + " callers with 3+ calls and no outcome.)";
        outbox.publish(new DailySummaryIssued(id, now, province, district, day, r.cases(), resolved, r.slaBreaches(),
                r.escalated(), summary));
        return true;
    }
}
