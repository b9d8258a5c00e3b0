package vn.hotline1022.intake.cases;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A case as the agent console shows it; {@code timeline} is left out of lists. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CaseView(
        UUID id,
        String code,
        CaseStatus status,
        int priority,
        List<String> needs,
        String channel,
        Place location,
        int householdSize,
        List<String> vulnerabilities,
        Caller caller,
        String notes,
        Instant openedAt,
        Instant updatedAt,
        List<Step> timeline) {

    public record Place(String provinceCode, String districtCode, String wardCode, String addressText) {
    }

    public record Caller(String name, String phone) {
    }

    /** One event of the timeline: {@code type} is the event name, {@code source} the service that published it. */
    public record Step(Instant at, String type, String source, String summary) {
    }

    public static CaseView summary(HotlineCase c) {
        return of(c, null);
    }

    public static CaseView of(HotlineCase c, List<TimelineEntry> entries) {
        return new CaseView(c.id, c.code, c.status, c.priority, c.needs, c.channel,
                new Place(c.provinceCode, c.districtCode, c.wardCode, c.addressText), c.householdSize,
                c.vulnerabilities, new Caller(c.callerName, c.callerPhone), c.notes, c.openedAt, c.updatedAt,
                entries == null ? null
                        : entries.stream().map(e -> new Step(e.occurredAt, e.eventType, e.source, e.summary)).toList());
    }
}
