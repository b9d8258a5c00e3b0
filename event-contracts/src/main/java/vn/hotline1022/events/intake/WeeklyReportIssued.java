package vn.hotline1022.events.intake;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.UUID;

import vn.hotline1022.events.HotlineEvent;

/**
 * The weekly report (báo cáo tuần) of one province or district was issued: once per week and area, whatever the
 * number of intake instances. Notification mails it to the area's officials, the CSV attached. Aggregates only: no
 * case, caller or address in it.
 *
 * @param level      {@code PROVINCE} or {@code DISTRICT}
 * @param areaCode   the province's or district's official code
 * @param weekStart  the Monday (Asia/Ho_Chi_Minh) the seven reported days start on
 * @param summary    one short paragraph for the mail's body, Vietnamese then English
 * @param csv        the report as CSV ({@code section,key,value}), as GET /api/v1/reports/weekly serves it
 */
public record WeeklyReportIssued(
        UUID reportId,
        Instant occurredAt,
        String level,
        String areaCode,
        LocalDate weekStart,
        long cases,
        String summary,
        String csv) implements HotlineEvent {

    public WeeklyReportIssued {
        Objects.requireNonNull(reportId, "reportId");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }

    /** The reports of one area in order. */
    @Override
    public String key() {
        return level + ":" + areaCode;
    }
}
