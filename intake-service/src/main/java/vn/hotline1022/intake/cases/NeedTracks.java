package vn.hotline1022.intake.cases;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import vn.hotline1022.events.CaseEvent;
import vn.hotline1022.events.common.Need;
import vn.hotline1022.events.dispatch.DispatchCompleted;
import vn.hotline1022.events.dispatch.DispatchOutcome;
import vn.hotline1022.events.dispatch.DispatchQueued;
import vn.hotline1022.events.dispatch.PatientHandedOver;
import vn.hotline1022.events.dispatch.PatientPickedUp;
import vn.hotline1022.events.dispatch.TeamArrived;
import vn.hotline1022.events.dispatch.TeamDispatched;
import vn.hotline1022.events.dispatch.TransportDispatched;
import vn.hotline1022.events.intake.CaseVerified;
import vn.hotline1022.events.referral.PatientAdmitted;
import vn.hotline1022.events.referral.PatientDischarged;
import vn.hotline1022.events.referral.PatientReferred;
import vn.hotline1022.events.referral.ReferralAccepted;
import vn.hotline1022.events.referral.ReferralExpired;
import vn.hotline1022.events.referral.ReferralRejected;
import vn.hotline1022.events.referral.ReferralWaiting;
import vn.hotline1022.events.relief.ReliefDelivered;
import vn.hotline1022.events.relief.ReliefRefused;
import vn.hotline1022.events.relief.ReliefScheduled;

/**
 * The rules of a case's tracks, as pure functions of the tracks and what happened: no database, no framework. A case
 * is resolved when every track has an outcome ({@link Decision#resolves()}); {@code CaseLifecycle} applies decisions.
 */
public final class NeedTracks {

    /** Outcome codes of tracks closed by people rather than by a service's event. */
    public static final String ANSWERED_ON_CALL = "ANSWERED_ON_CALL";
    public static final String CLOSED = "CLOSED:";

    private NeedTracks() {
    }

    /**
     * The tracks before and after; {@code refusal} says why nothing could be done (a domain answer, not an exception).
     */
    public record Decision(List<TrackState> before, List<TrackState> after, String refusal) {

        public boolean refused() {
            return refusal != null;
        }

        /** The tracks that changed (new or different). */
        public List<TrackState> changed() {
            return after.stream().filter(t -> !before.contains(t)).toList();
        }

        /** This decision gave the last open track its outcome. */
        public boolean resolves() {
            return !after.isEmpty() && after.stream().allMatch(TrackState::ended) && !changed().isEmpty()
                    && !before.stream().allMatch(TrackState::ended);
        }

        /** This decision opened a track again that had an outcome. */
        public boolean reopens() {
            return changed().stream().anyMatch(t -> !t.ended() && byTrack(before).containsKey(t.track())
                    && byTrack(before).get(t.track()).ended());
        }
    }

    /** The needs of the case whose tracks are still open: the ones its clocks follow. */
    public static List<Need> openNeeds(Collection<Need> needs, List<TrackState> tracks) {
        Set<Track> open = java.util.EnumSet.noneOf(Track.class);
        tracks.stream().filter(t -> !t.ended()).forEach(t -> open.add(t.track()));
        return needs.stream().filter(n -> Track.forNeeds(List.of(n)).stream().anyMatch(open::contains)).toList();
    }

    /** The tracks a new case opens; a question answered on the call has its outcome already. */
    public static List<TrackState> opened(Collection<Need> needs, boolean answeredOnCall, Instant at) {
        List<TrackState> tracks = new ArrayList<>();
        for (Track t : Track.forNeeds(needs)) {
            TrackState open = TrackState.open(t, at);
            tracks.add(t == Track.ANSWER && answeredOnCall ? open.ended(ANSWERED_ON_CALL, at) : open);
        }
        return tracks;
    }

    /** A repeat call names needs: a track missing opens, one that had its outcome opens again. */
    public static Decision needsCameBack(List<TrackState> current, Collection<Need> needs, Instant at) {
        Map<Track, TrackState> tracks = byTrack(current);
        for (Track t : Track.forNeeds(needs)) {
            TrackState s = tracks.get(t);
            if (s == null) {
                tracks.put(t, TrackState.open(t, at));
            } else if (s.ended()) {
                tracks.put(t, s.reopened(t.firstWait(), at));
            }
        }
        return new Decision(current, List.copyOf(tracks.values()), null);
    }

    /**
     * A person closes what is left with a reason: every open track ends with {@code CLOSED:reason}. Refused when the
     * case has no open track.
     */
    public static Decision closeAll(List<TrackState> current, String reason, Instant at) {
        if (!current.isEmpty() && current.stream().allMatch(TrackState::ended)) {
            return new Decision(current, current, "mọi nhu cầu của hồ sơ đã có kết quả");
        }
        List<TrackState> after = current.stream().map(t -> t.ended() ? t : t.ended(CLOSED + reason, at)).toList();
        return new Decision(current, after, null);
    }

    /**
     * The citizen says help did not come (chưa nhận được): the track whose outcome came last opens again. Refused when
     * no track has an outcome (nothing was claimed to have come).
     */
    public static Decision helpDidNotCome(List<TrackState> current, Instant at) {
        Optional<TrackState> last = current.stream().filter(TrackState::ended)
                .max(Comparator.comparing(TrackState::outcomeAt));
        if (last.isEmpty()) {
            return new Decision(current, current, "chưa nhu cầu nào của hồ sơ có kết quả");
        }
        Map<Track, TrackState> tracks = byTrack(current);
        Track t = last.get().track();
        tracks.put(t, last.get().reopened(t.firstWait(), at));
        return new Decision(current, List.copyOf(tracks.values()), null);
    }

    /**
     * An agent or official opens one track again (the need came back). Refused when the case has no such track or
     * the track is still open.
     */
    public static Decision reopen(List<TrackState> current, Track track, Instant at) {
        Map<Track, TrackState> tracks = byTrack(current);
        TrackState s = tracks.get(track);
        if (s == null) {
            return new Decision(current, current, "hồ sơ không có nhu cầu này");
        }
        if (!s.ended()) {
            return new Decision(current, current, "nhu cầu này vẫn đang được xử lý, chưa thể mở lại");
        }
        tracks.put(track, s.reopened(track.firstWait(), at));
        return new Decision(current, List.copyOf(tracks.values()), null);
    }

    /** A downstream event moves its track. A case without tracks (opened before tracks existed) is left alone. */
    public static Decision onEvent(List<TrackState> current, CaseEvent event) {
        if (current.isEmpty()) {
            return new Decision(current, current, null);
        }
        Map<Track, TrackState> tracks = byTrack(current);
        Instant at = event.occurredAt();
        if (event instanceof DispatchQueued) {
            move(tracks, Track.VISIT, Waiting.TEAM, at);
        } else if (event instanceof TeamDispatched) {
            move(tracks, Track.VISIT, Waiting.TEAM_ON_THE_WAY, at);
        } else if (event instanceof TeamArrived) {
            move(tracks, Track.VISIT, Waiting.TEAM_ON_SITE, at);
        } else if (event instanceof DispatchCompleted done) {
            visitDone(tracks, done);
        } else if (event instanceof PatientReferred) {
            move(tracks, Track.HOSPITAL, Waiting.HOSPITAL_ANSWER, at);
        } else if (event instanceof ReferralWaiting || event instanceof ReferralRejected
                || event instanceof ReferralExpired) {
            move(tracks, Track.HOSPITAL, Waiting.BED, at); // referral looks for the next hospital
        } else if (event instanceof ReferralAccepted) {
            move(tracks, Track.HOSPITAL, Waiting.TRANSPORT, at);
        } else if (event instanceof TransportDispatched) {
            move(tracks, Track.TRANSPORT, Waiting.TEAM_ON_THE_WAY, at);
        } else if (event instanceof PatientPickedUp) {
            move(tracks, Track.TRANSPORT, Waiting.PATIENT_ON_THE_WAY, at);
        } else if (event instanceof PatientHandedOver) {
            end(tracks, Track.TRANSPORT, "HANDED_OVER", at);
            move(tracks, Track.HOSPITAL, Waiting.ADMISSION, at);
        } else if (event instanceof PatientAdmitted admitted) {
            end(tracks, Track.HOSPITAL, "ADMITTED", at);
            if (PatientAdmitted.HANDED_OVER_BY_TEAM.equals(admitted.how())) {
                // The handover on dispatch's topic may reach intake after this: the transport has ended either way.
                end(tracks, Track.TRANSPORT, "HANDED_OVER", at);
            } else if (tracks.containsKey(Track.TRANSPORT)) {
                end(tracks, Track.TRANSPORT, "ADMITTED", at); // came by other means
            }
        } else if (event instanceof PatientDischarged discharged && tracks.containsKey(Track.HOSPITAL)
                && tracks.get(Track.HOSPITAL).ended()) {
            // How the stay ended replaces "admitted"; the track stays ended, the case is not touched.
            tracks.put(Track.HOSPITAL, tracks.get(Track.HOSPITAL).ended(discharged.disposition(), at));
        } else if (event instanceof ReliefScheduled s) {
            TrackState r = current(tracks, Track.RELIEF, at);
            if (!closedByHand(r)) {
                r = r.ended() ? r.reopened(Waiting.DELIVERY, at) : r.waiting(Waiting.DELIVERY, at);
                tracks.put(Track.RELIEF, r.withItem(s.deliveryId(), true));
            }
        } else if (event instanceof ReliefDelivered d) {
            reliefDelivered(tracks, d);
        } else if (event instanceof ReliefRefused r) {
            reliefRefused(tracks, r);
        } else if (event instanceof CaseVerified v && tracks.containsKey(Track.VERIFICATION)
                && !CaseVerified.UNREACHABLE.equals(v.outcome())) {
            // Checked: the owning official's resolution, with what was done, is the outcome.
            move(tracks, Track.VERIFICATION, Waiting.OFFICIAL_DECISION, at);
        }
        return new Decision(current, List.copyOf(tracks.values()), null);
    }

    private static void visitDone(Map<Track, TrackState> tracks, DispatchCompleted done) {
        Instant at = done.occurredAt();
        DispatchOutcome outcome = done.outcome() == null ? DispatchOutcome.RESOLVED_ON_SITE : done.outcome();
        end(tracks, Track.VISIT, outcome.name(), at);
        Set<Track> next = Track.forNeeds(done.followUpNeeds());
        next.remove(Track.VISIT);
        if (outcome == DispatchOutcome.NEEDS_HOSPITAL) {
            next.add(Track.HOSPITAL);
        }
        if (outcome == DispatchOutcome.NEEDS_RELIEF) {
            next.add(Track.RELIEF);
        }
        for (Track t : next) {
            TrackState s = tracks.get(t);
            if (s == null) {
                tracks.put(t, TrackState.open(t, at));
            } else if (s.ended()) {
                tracks.put(t, s.reopened(t.firstWait(), at));
            }
        }
    }

    private static void reliefDelivered(Map<Track, TrackState> tracks, ReliefDelivered d) {
        TrackState r = current(tracks, Track.RELIEF, d.occurredAt()).withItem(d.deliveryId(), false);
        if (r.ended()) {
            return; // ended already (closed by hand, or refused then delivered by another way): kept as it was
        }
        tracks.put(Track.RELIEF, r.openItems().isEmpty() ? r.ended("DELIVERED", d.occurredAt())
                : r.waiting(Waiting.DELIVERY, d.occurredAt()));
    }

    /** A refusal ends relief only when no other delivery of the case is on its way; a queued one waits for stock. */
    private static void reliefRefused(Map<Track, TrackState> tracks, ReliefRefused refused) {
        TrackState r = current(tracks, Track.RELIEF, refused.occurredAt());
        if (!r.openItems().isEmpty() || r.ended()) {
            return;
        }
        tracks.put(Track.RELIEF, refused.queued() ? r.waiting(Waiting.STOCK, refused.occurredAt())
                : r.ended("REFUSED:" + refused.reason(), refused.occurredAt()));
    }

    /**
     * The track moves on to wait for {@code w}; a track that had its outcome opens again (a new visit, a new try),
     * unless a person closed it by hand (a late decision then stays on the timeline only) or the event happened before
     * the track's current state (another service's topic delivered it late).
     */
    private static void move(Map<Track, TrackState> tracks, Track t, Waiting w, Instant at) {
        TrackState s = tracks.get(t);
        if (s == null) {
            tracks.put(t, TrackState.open(t, at).waiting(w, at));
        } else if (!closedByHand(s) && s.isNewer(at)) {
            tracks.put(t, s.ended() ? s.reopened(w, at) : s.waiting(w, at));
        }
    }

    private static boolean closedByHand(TrackState s) {
        return s.ended() && s.outcome().startsWith(CLOSED);
    }

    private static void end(Map<Track, TrackState> tracks, Track t, String outcome, Instant at) {
        TrackState s = current(tracks, t, at);
        if (!s.ended()) {
            tracks.put(t, s.ended(outcome, at));
        }
    }

    private static TrackState current(Map<Track, TrackState> tracks, Track t, Instant at) {
        TrackState s = tracks.get(t);
        if (s == null) {
            s = TrackState.open(t, at);
            tracks.put(t, s);
        }
        return s;
    }

    static Map<Track, TrackState> byTrack(List<TrackState> tracks) {
        Map<Track, TrackState> byTrack = new EnumMap<>(Track.class);
        tracks.forEach(t -> byTrack.put(t.track(), t));
        return byTrack;
    }
}
