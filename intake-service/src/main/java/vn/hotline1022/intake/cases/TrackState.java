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
 */
public record TrackState(Track track, Waiting waitingFor, String outcome, Set<UUID> openItems, Instant openedAt,
        Instant outcomeAt, int reopenCount) {

    public TrackState {
        openItems = Set.copyOf(openItems);
    }

    public static TrackState open(Track track, Instant at) {
        return new TrackState(track, track.firstWait(), null, Set.of(), at, null, 0);
    }

    public boolean ended() {
        return outcome != null;
    }

    TrackState waiting(Waiting w) {
        return new TrackState(track, w, null, openItems, openedAt, null, reopenCount);
    }

    TrackState ended(String outcome, Instant at) {
        return new TrackState(track, null, outcome, Set.of(), openedAt, at, reopenCount);
    }

    /** A need that came back: open again from its first step, counted. */
    TrackState reopened(Waiting w) {
        return new TrackState(track, w, null, Set.of(), openedAt, null, reopenCount + 1);
    }

    TrackState withItem(UUID item, boolean add) {
        Set<UUID> items = new HashSet<>(openItems);
        if (add) {
            items.add(item);
        } else {
            items.remove(item);
        }
        return new TrackState(track, waitingFor, outcome, items, openedAt, outcomeAt, reopenCount);
    }
}
