package vn.hotline1022.intake.reports;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import vn.hotline1022.events.intake.WeeklyReportIssued;
import vn.hotline1022.intake.IntakeConfig;
import vn.hotline1022.messaging.outbox.Outbox;
import vn.hotline1022.messaging.sql.SqlValues;

/**
 * Issues the weekly report (báo cáo tuần) of every province and district that had cases in the last whole week,
 * Monday to Sunday in Vietnam, each once: a row per week and area and its WeeklyReportIssued event commit together,
 * so a second instance running the same Monday job (or a restart re-running it) issues nothing again. Notification
 * mails each report to the area's officials.
 */
@ApplicationScoped
public class WeeklyReportIssuer {

    private static final Logger LOG = Logger.getLogger(WeeklyReportIssuer.class);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    /** A report as issued. */
    public record Issued(UUID reportId, LocalDate weekStart, String level, String areaCode, long cases,
            Instant issuedAt) {
    }

    @Inject
    WeeklyReport reports;

    @Inject
    Outbox outbox;

    @Inject
    EntityManager em;

    @Inject
    IntakeConfig config;

    @Scheduled(identity = "weekly-report", cron = "${hotline.intake.weekly-report.cron:0 0 7 ? * MON}",
            timeZone = "${hotline.intake.weekly-report.zone:Asia/Ho_Chi_Minh}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduled() {
        int n = issueLastWeek(Instant.now());
        LOG.infof("Weekly reports: %d issued", n);
    }

    /** The reports of the last whole week before {@code now}, each area once; returns how many this call issued. */
    public int issueLastWeek(Instant now) {
        ZoneId zone = ZoneId.of(config.weeklyReport().zone());
        LocalDate weekStart = now.atZone(zone).toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
                .minusWeeks(1);
        Instant start = weekStart.atStartOfDay(zone).toInstant();
        Instant end = weekStart.plusDays(7).atStartOfDay(zone).toInstant();
        int issued = 0;
        for (WeeklyReport.Area area : QuarkusTransaction.requiringNew().call(() -> areasWithCases(start, end))) {
            if (QuarkusTransaction.requiringNew().call(() -> issue(weekStart, start, end, now, area))) {
                issued++;
            }
        }
        return issued;
    }

    private List<WeeklyReport.Area> areasWithCases(Instant start, Instant end) {
        List<WeeklyReport.Area> areas = new ArrayList<>();
        for (Object[] r : reports.districtsWithCases(start, end)) {
            WeeklyReport.Area province = new WeeklyReport.Area("PROVINCE", (String) r[0]);
            if (!areas.contains(province)) {
                areas.add(province);
            }
            areas.add(new WeeklyReport.Area("DISTRICT", (String) r[1]));
        }
        return areas;
    }

    private boolean issue(LocalDate weekStart, Instant start, Instant end, Instant now, WeeklyReport.Area area) {
        UUID id = UUID.randomUUID();
        int claimed = em.createNativeQuery("""
                insert into weekly_report_issue (id, week_start, level, area_code, cases, issued_at)
                values (?1, ?2, ?3, ?4, 0, ?5) on conflict (week_start, level, area_code) do nothing
                """).setParameter(1, id).setParameter(2, weekStart).setParameter(3, area.level())
                .setParameter(4, area.code()).setParameter(5, now).executeUpdate();
        if (claimed == 0) {
            return false; // issued already, by this instance before or by another
        }
        WeeklyReport.Report r = reports.of(weekStart, start, end, now, area);
        em.createNativeQuery("update weekly_report_issue set cases = ?1 where id = ?2").setParameter(1, r.cases())
                .setParameter(2, id).executeUpdate();
        String week = DAY.format(r.from()) + "–" + DAY.format(r.to());
        String summary = "Tuần " + week + ": " + r.cases() + " hồ sơ, " + r.slaBreaches() + " vượt hạn, "
                + r.escalated() + " chuyển cấp. (Week " + week + ": " + r.cases() + " cases, " + r.slaBreaches()
                + " past their deadlines, " + r.escalated() + " escalated.)";
        outbox.publish(new WeeklyReportIssued(id, now, area.level(), area.code(), weekStart, r.cases(), summary,
                WeeklyReport.csv(r)));
        return true;
    }

    /** The last reports issued, newest first. */
    @Transactional
    public List<Issued> recent(int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select id, week_start::text, level, area_code, cases, issued_at "
                + "from weekly_report_issue order by issued_at desc, level, area_code limit ?1")
                .setParameter(1, limit).getResultList();
        return rows.stream().map(r -> new Issued((UUID) r[0], LocalDate.parse((String) r[1]), (String) r[2],
                (String) r[3], ((Number) r[4]).longValue(), SqlValues.instant(r[5]))).toList();
    }
}
