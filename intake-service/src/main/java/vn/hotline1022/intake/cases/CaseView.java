package vn.hotline1022.intake.cases;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import vn.hotline1022.events.common.EscalationLevel;

/**
 * A case as the agent console shows it; {@code timeline} is left out of lists. {@code linkedRepeatCall} is set only in
 * the answer to a call: true when the call was attached to this already open case instead of opening one, and then
 * {@code linkedBy} says by which rule (the same phone, or the same household address in the same ward).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CaseView(
        UUID id,
        String code,
        CaseStatus status,
        int priority,
        List<PriorityReason> priorityReasons,
        List<String> needs,
        String channel,
        Place location,
        int householdSize,
        List<String> vulnerabilities,
        Caller caller,
        String notes,
        String agentId,
        int repeatCount,
        Boolean linkedRepeatCall,
        LinkedBy linkedBy,
        Sla sla,
        Instant openedAt,
        Instant updatedAt,
        List<Step> timeline) {

    public record Place(String provinceCode, String districtCode, String wardCode, String addressText) {
    }

    public record Caller(String name, String phone) {
    }

    /** The case's clocks; {@code overdue} as of the answer. */
    public record Sla(Instant firstActionDue, Instant firstActionAt, Instant resolutionDue, Instant resolvedAt,
            EscalationLevel escalationLevel, int reopenCount, boolean overdue) {
    }

    /**
     * One event of the timeline: {@code type} is the event name, {@code source} the service that published it,
     * {@code summary} its line in Vietnamese and {@code summaryEn} in English (null on lines recorded before English).
     */
    public record Step(Instant at, String type, String source, String summary, String summaryEn) {

        public static Step of(TimelineEntry e) {
            return new Step(e.occurredAt, e.eventType, e.source, e.summary, e.summaryEn);
        }
    }

    public static CaseView summary(HotlineCase c) {
        return of(c, null, null, null);
    }

    /** @param linkedBy null when the call opened the case */
    public static CaseView answerToCall(HotlineCase c, LinkedBy linkedBy) {
        return of(c, null, linkedBy != null, linkedBy);
    }

    public static CaseView of(HotlineCase c, List<TimelineEntry> entries) {
        return of(c, entries, null, null);
    }

    private static CaseView of(HotlineCase c, List<TimelineEntry> entries, Boolean linked, LinkedBy linkedBy) {
        return new CaseView(c.id, c.code, c.status, c.priority, c.priorityReasons, c.needs, c.channel,
                new Place(c.provinceCode, c.districtCode, c.wardCode, c.addressText), c.householdSize,
                c.vulnerabilities, new Caller(c.callerName, c.callerPhone), c.notes, c.agentId, c.repeatCount, linked,
                linkedBy,
                new Sla(c.firstActionDue, c.firstActionAt, c.resolutionDue, c.resolvedAt, c.escalation(),
                        c.reopenCount, c.overdue(Instant.now())),
                c.openedAt, c.updatedAt,
                entries == null ? null : entries.stream().map(Step::of).toList());
    }
}
