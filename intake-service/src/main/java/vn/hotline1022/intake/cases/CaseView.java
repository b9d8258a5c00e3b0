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
        List<TrackView> tracks,
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

    /**
     * One need's track: what it waits for while open ({@code waitingFor}, with its words), or its outcome once ended;
     * the words are Vietnamese, {@code ...En} English.
     */
    public record TrackView(Track track, String name, String nameEn, Waiting waitingFor, String waitingForText,
            String waitingForTextEn, String outcome, String outcomeText, String outcomeTextEn, Instant openedAt,
            Instant outcomeAt, int reopenCount) {

        public static TrackView of(TrackState s) {
            Waiting w = s.waitingFor();
            return new TrackView(s.track(), s.track().vi(), s.track().en(), s.ended() ? null : w,
                    s.ended() || w == null ? null : w.vi(), s.ended() || w == null ? null : w.en(), s.outcome(),
                    s.ended() ? OutcomeWords.vi(s.outcome()) : null, s.ended() ? OutcomeWords.en(s.outcome()) : null,
                    s.openedAt(), s.outcomeAt(), s.reopenCount());
        }
    }

    public static CaseView summary(HotlineCase c) {
        return of(c, null, null, null, null);
    }

    /** Rows of a list, with what each need waits for (one query for the page's tracks). */
    public static List<CaseView> rows(List<HotlineCase> cases) {
        java.util.Map<UUID, List<TrackState>> tracks = CaseTrack.statesOf(cases.stream().map(c -> c.id).toList());
        return cases.stream().map(c -> summary(c, tracks.getOrDefault(c.id, List.of()))).toList();
    }

    /** A row of a list, with what each need waits for. */
    public static CaseView summary(HotlineCase c, List<TrackState> tracks) {
        return of(c, tracks, null, null, null);
    }

    /** @param linkedBy null when the call opened the case */
    public static CaseView answerToCall(HotlineCase c, LinkedBy linkedBy) {
        return of(c, CaseTrack.states(c.id), null, linkedBy != null, linkedBy);
    }

    public static CaseView of(HotlineCase c, List<TimelineEntry> entries) {
        return of(c, CaseTrack.states(c.id), entries, null, null);
    }

    private static CaseView of(HotlineCase c, List<TrackState> tracks, List<TimelineEntry> entries, Boolean linked,
            LinkedBy linkedBy) {
        return new CaseView(c.id, c.code, c.status, c.priority, c.priorityReasons, c.needs, c.channel,
                new Place(c.provinceCode, c.districtCode, c.wardCode, c.addressText), c.householdSize,
                c.vulnerabilities, new Caller(c.callerName, c.callerPhone), c.notes, c.agentId, c.repeatCount, linked,
                linkedBy,
                new Sla(c.firstActionDue, c.firstActionAt, c.resolutionDue, c.resolvedAt, c.escalation(),
                        c.reopenCount, c.overdue(Instant.now())),
                c.openedAt, c.updatedAt, tracks == null ? null : tracks.stream().map(TrackView::of).toList(),
                entries == null ? null : entries.stream().map(Step::of).toList());
    }
}
