package vn.hotline1022.intake.cases;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import vn.hotline1022.events.CaseEvent;
import vn.hotline1022.events.EventType;
import vn.hotline1022.events.common.Need;
import vn.hotline1022.events.intake.CaseReopened;
import vn.hotline1022.events.intake.CaseResolved;
import vn.hotline1022.messaging.outbox.Outbox;

/**
 * The one home of what happens to a case (vòng đời hồ sơ): a step is its state change, its event (outbox, same
 * transaction) and its line on the timeline, always together. Calls open and link cases ({@code CallTaker}), the SLA
 * clock escalates them, downstream outcomes end their tracks ({@link NeedTracks}) and the last one resolves the case;
 * people close what is left by hand with a reason, or say help did not come; each goes through here.
 */
@ApplicationScoped
public class CaseLifecycle {

    @Inject
    Outbox outbox;

    @Inject
    OpenNeedClock clock;

    /** Publishes {@code event} of case {@code c} and puts it on the case's timeline with {@code summary}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID record(HotlineCase c, CaseEvent event, Summary summary) {
        UUID eventId = outbox.publish(event);
        TimelineEntry.own(eventId, c.id, EventType.of(event.getClass()), event.occurredAt(), summary);
        c.updatedAt = event.occurredAt();
        return eventId;
    }

    /** A new case's tracks, one per kind of help its needs ask for. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void openTracks(HotlineCase c, Collection<Need> needs, boolean answeredOnCall, Instant now) {
        CaseTrack.save(c.id, NeedTracks.opened(needs, answeredOnCall, now));
    }

    /** A repeat call named these needs: a missing track opens, one that had its outcome opens again. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void needsCameBack(HotlineCase c, Collection<Need> needs, Instant now) {
        CaseTrack.save(c.id, NeedTracks.needsCameBack(CaseTrack.states(c.id), needs, now).changed());
    }

    /**
     * A downstream service's event (already on the timeline) moves its track; the outcome of the last open track
     * resolves the case, once ({@code CaseResolved} by {@code OUTCOMES}, with every track's outcome).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void outcome(HotlineCase c, CaseEvent event) {
        NeedTracks.Decision d = NeedTracks.onEvent(CaseTrack.states(c.id), event);
        CaseTrack.save(c.id, d.changed());
        if (!d.resolves() && d.changed().stream().anyMatch(TrackState::ended)) {
            clock.follow(c, NeedTracks.openNeeds(c.needs.stream().map(Need::valueOf).toList(), d.after()));
        }
        if (d.reopens() && c.status == CaseStatus.RESOLVED) {
            c.status = CaseStatus.IN_PROGRESS; // new work on a resolved case (a new visit, a new delivery)
            c.resolvedAt = null;
        }
        if (d.resolves() && c.status != CaseStatus.RESOLVED) {
            Instant at = event.occurredAt();
            markResolved(c, at);
            String outcomes = d.after().stream().map(t -> t.track().vi() + ": " + OutcomeWords.vi(t.outcome()))
                    .collect(Collectors.joining("; "));
            String outcomesEn = d.after().stream().map(t -> t.track().en() + ": " + OutcomeWords.en(t.outcome()))
                    .collect(Collectors.joining("; "));
            record(c, new CaseResolved(c.id, c.code, at, CaseResolved.BY_OUTCOMES, "every need reached its outcome",
                    outcomesOf(d.after())),
                    new Summary("Mọi nhu cầu đã có kết quả (" + outcomes + "); hồ sơ hoàn tất",
                            "Every need has an outcome (" + outcomesEn + "); case resolved"));
        }
    }

    /**
     * Closed by hand (đóng thủ công) by {@code by} with a reason: every open track ends with it and the case is
     * resolved; nothing happens to a case already resolved.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean resolve(HotlineCase c, Instant now, String by, CloseReason reason, String note, Summary summary) {
        if (c.status == CaseStatus.RESOLVED) {
            return false;
        }
        NeedTracks.Decision d = NeedTracks.closeAll(CaseTrack.states(c.id), reason.name(), now);
        CaseTrack.save(c.id, d.changed());
        markResolved(c, now);
        record(c, new CaseResolved(c.id, c.code, now, by, note, outcomesOf(d.after())), summary);
        return true;
    }

    private static void markResolved(HotlineCase c, Instant at) {
        c.status = CaseStatus.RESOLVED;
        c.resolvedAt = at;
    }

    private static List<CaseResolved.NeedOutcome> outcomesOf(List<TrackState> tracks) {
        return tracks.stream().map(t -> new CaseResolved.NeedOutcome(t.track().name(), t.outcome(), t.outcomeAt()))
                .toList();
    }

    /**
     * Help did not arrive: the need whose outcome came last opens again (if any did), a resolved case goes back in
     * progress, an unresolved one keeps its status; either way it counts as a missed deadline from now on, and the
     * SLA clock escalates it. Returns the track that opened again.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<TrackState> reopen(HotlineCase c, Instant now, String reason, Summary summary) {
        NeedTracks.Decision d = NeedTracks.helpDidNotCome(CaseTrack.states(c.id), now);
        Optional<TrackState> reopened = d.refused() ? Optional.empty() : d.changed().stream().findFirst();
        // What had been claimed for that need, so the officials who check it know what to look for.
        Optional<TrackState> claimed = reopened.flatMap(r -> d.before().stream()
                .filter(b -> b.track() == r.track()).findFirst());
        CaseTrack.save(c.id, d.changed());
        if (c.status == CaseStatus.RESOLVED) {
            c.status = CaseStatus.IN_PROGRESS;
        }
        c.resolvedAt = null;
        c.reopenCount++;
        c.lastReopenedAt = now;
        Summary said = claimed.map(t -> new Summary(summary.vi() + " (" + t.track().vi() + "; đã báo: "
                + OutcomeWords.vi(t.outcome()) + ")", summary.en() + " (" + t.track().en() + "; claimed: "
                + OutcomeWords.en(t.outcome()) + ")")).orElse(summary);
        record(c, new CaseReopened(c.id, c.code, now, reason), said);
        return reopened;
    }

    /**
     * An agent or official opens one need again; the case goes back in progress. The refusal, if any, is returned
     * and nothing changes.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<String> reopenTrack(HotlineCase c, Track track, Instant now, String by, String reason) {
        NeedTracks.Decision d = NeedTracks.reopen(CaseTrack.states(c.id), track, now);
        if (d.refused()) {
            return Optional.of(d.refusal());
        }
        CaseTrack.save(c.id, d.changed());
        if (c.status == CaseStatus.RESOLVED) {
            c.status = CaseStatus.IN_PROGRESS;
        }
        c.resolvedAt = null;
        record(c, new CaseReopened(c.id, c.code, now, reason), new Summary(
                by + " mở lại nhu cầu " + track.vi() + ": " + reason,
                by + " reopened " + track.en() + ": " + reason));
        return Optional.empty();
    }

    /**
     * A service decided something about the case (its event is on the timeline already): an open case is in progress
     * now, and the earliest decision of a kind that counts is its first action, whatever order events arrive in.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void decided(HotlineCase c, boolean firstAction, Instant occurredAt, Instant recordedAt) {
        if (c.status == CaseStatus.OPEN) {
            c.status = CaseStatus.IN_PROGRESS;
            c.updatedAt = recordedAt;
        }
        if (firstAction && (c.firstActionAt == null || occurredAt.isBefore(c.firstActionAt))) {
            c.firstActionAt = occurredAt;
        }
    }
}
