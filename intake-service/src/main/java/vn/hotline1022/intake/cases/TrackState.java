package vn.hotline1022.intake.cases;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/**
 * Where one track of a case stands: open and waiting for something, or ended with an outcome (kết quả). Immutable;
 * {@link NeedTracks} returns new states.
 *
 * @param openItems deliveries scheduled and not yet delivered (relief may send one per programme)
 * @param outcome   null while open; a code such as {@code DELIVERED}, {@code ADMITTED}, {@code RESOLVED_ON_SITE} or
 *                  {@code CLOSED:DUPLICATE} once ended ({@link OutcomeWords} names it for people)
 * @param since     when the event that put the track in this state happened: intake reads each service's topic on
 *                  its own, so an event older than that arrives late and must not move the track back
 */
public record TrackState(Track track, Waiting waitingFor, String outcome, Set<UUID> openItems, Instant openedAt,
        Instant outcomeAt, int reopenCount, Instant since) {

    public TrackState {
        openItems = Set.copyOf(openItems);
    }

    public static TrackState open(Track track, Instant at) {
        return new TrackState(track, track.firstWait(), null, Set.of(), at, null, 0, at);
    }

    public boolean ended() {
        return outcome != null;
    }

    /** Something that happened at {@code at} comes after what put the track where it is. */
    boolean isNewer(Instant at) {
        return since == null || !at.isBefore(since);
    }

    TrackState waiting(Waiting w, Instant at) {
        return new TrackState(track, w, null, openItems, openedAt, null, reopenCount, at);
    }

    TrackState ended(String outcome, Instant at) {
        return new TrackState(track, null, outcome, Set.of(), openedAt, at, reopenCount, at);
    }

    /** A need that came back: open again, counted. */
    TrackState reopened(Waiting w, Instant at) {
        return new TrackState(track, w, null, Set.of(), openedAt, null, reopenCount + 1, at);
    }

    TrackState withItem(UUID item, boolean add) {
        Set<UUID> items = new HashSet<>(openItems);
        if (add) {
            items.add(item);
        } else {
            items.remove(item);
        }
        return new TrackState(track, waitingFor, outcome, items, openedAt, outcomeAt, reopenCount, since);
    }
}
