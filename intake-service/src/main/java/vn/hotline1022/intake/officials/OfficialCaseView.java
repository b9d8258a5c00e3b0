package vn.hotline1022.intake.officials;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import vn.hotline1022.intake.cases.CaseStatus;
import vn.hotline1022.intake.cases.CaseTrack;
import vn.hotline1022.intake.cases.CaseView;
import vn.hotline1022.intake.cases.HotlineCase;
import vn.hotline1022.intake.cases.TimelineEntry;
import vn.hotline1022.intake.cases.TrackState;

/**
 * A case as an official sees it: where, what, the clocks, who owns it and the last verification. The caller's name and
 * phone (to call back before a visit), the timeline and the visits only in the single case, never in lists.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OfficialCaseView(
        UUID id,
        String code,
        CaseStatus status,
        int priority,
        List<String> needs,
        CaseView.Place location,
        String notes,
        CaseView.Caller caller,
        CaseView.Sla sla,
        Ownership ownership,
        LastVerification lastVerification,
        Instant openedAt,
        Instant updatedAt,
        /** Each need: what it waits for, or how it ended (a manual closure says by whom on the timeline). */
        List<CaseView.TrackView> tracks,
        List<CaseView.Step> timeline,
        List<Visit> visits) {

    /** The official who took the case, since when. */
    public record Ownership(String official, Instant since) {
    }

    public record LastVerification(String outcome, Instant visitedAt) {
    }

    public record Visit(String official, String outcome, String actionTaken, Instant visitedAt, Instant recordedAt) {
    }

    public static OfficialCaseView summary(HotlineCase c) {
        return of(c, CaseTrack.states(c.id), null, null, false);
    }

    /** Rows of a list, with what each need waits for (one query for the page's tracks). */
    public static List<OfficialCaseView> rows(List<HotlineCase> cases) {
        Map<UUID, List<TrackState>> tracks = CaseTrack.statesOf(cases.stream().map(c -> c.id).toList());
        return cases.stream().map(c -> of(c, tracks.getOrDefault(c.id, List.of()), null, null, false)).toList();
    }

    public static OfficialCaseView full(HotlineCase c, List<TimelineEntry> timeline, List<VerificationVisit> visits) {
        return of(c, CaseTrack.states(c.id), timeline, visits, true);
    }

    private static OfficialCaseView of(HotlineCase c, List<TrackState> tracks, List<TimelineEntry> timeline,
            List<VerificationVisit> visits, boolean withCaller) {
        return new OfficialCaseView(c.id, c.code, c.status, c.priority, c.needs,
                new CaseView.Place(c.provinceCode, c.districtCode, c.wardCode, c.addressText), c.notes,
                withCaller ? new CaseView.Caller(c.callerName, c.callerPhone) : null,
                new CaseView.Sla(c.firstActionDue, c.firstActionAt, c.resolutionDue, c.resolvedAt, c.escalation(),
                        c.reopenCount, c.overdue(Instant.now())),
                c.officialOwner == null ? null : new Ownership(c.officialOwner, c.officialOwnedAt),
                c.lastVerification == null ? null : new LastVerification(c.lastVerification, c.lastVerifiedAt),
                c.openedAt, c.updatedAt, tracks.stream().map(CaseView.TrackView::of).toList(),
                timeline == null ? null : timeline.stream().map(CaseView.Step::of).toList(),
                visits == null ? null
                        : visits.stream().map(v -> new Visit(v.official, v.outcome, v.actionTaken, v.visitedAt,
                                v.recordedAt)).toList());
    }
}
