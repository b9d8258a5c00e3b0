package vn.hotline1022.events.intake;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.UUID;

import vn.hotline1022.events.HotlineEvent;

/**
 * The day's summary (tổng hợp trong ngày) of one district was issued: once per local day and district, whatever the
 * number of intake instances. Notification broadcasts it to the district's groups (the steering committee's, the
 * wards' community teams). Aggregates only: no case, caller or address in it.
 *
 * @param day          the local day (Asia/Ho_Chi_Minh) it counts
 * @param cases        cases opened that day in the district
 * @param resolved     of those, resolved by the time of the summary
 * @param slaBreaches  of those, past a deadline (first action or resolution) by the time of the summary
 * @param escalated    of those, escalated at least once
 * @param summary      one short line, Vietnamese then English
 */
public record DailySummaryIssued(
        UUID summaryId,
        Instant occurredAt,
        String provinceCode,
        String districtCode,
        LocalDate day,
        long cases,
        long resolved,
        long slaBreaches,
        long escalated,
        String summary) implements HotlineEvent {

    public DailySummaryIssued {
        Objects.requireNonNull(summaryId, "summaryId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(districtCode, "districtCode");
    }

    /** The summaries of one district in order. */
    @Override
    public String key() {
        return districtCode;
    }
}
