package vn.hotline1022.intake.cases;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A {@link TrackState} as stored: one row per case and track. */
@Entity
@Table(name = "case_track")
public class CaseTrack extends PanacheEntityBase {

    @Id
    public UUID id;
    public UUID caseId;
    @Enumerated(EnumType.STRING)
    public Track track;
    @Enumerated(EnumType.STRING)
    public Waiting waitingFor;
    public String outcome;
    @JdbcTypeCode(SqlTypes.ARRAY)
    public UUID[] openItems;
    public Instant openedAt;
    public Instant outcomeAt;
    public int reopenCount;
    public Instant since;

    public static List<CaseTrack> of(UUID caseId) {
        return list("caseId = ?1 order by track", caseId);
    }

    public static List<TrackState> states(UUID caseId) {
        return of(caseId).stream().map(CaseTrack::state).toList();
    }

    /** The tracks of several cases (a page of a list) in one query. */
    public static java.util.Map<UUID, List<TrackState>> statesOf(java.util.Collection<UUID> caseIds) {
        java.util.Map<UUID, List<TrackState>> byCase = new java.util.HashMap<>();
        if (caseIds.isEmpty()) {
            return byCase;
        }
        CaseTrack.<CaseTrack> list("caseId in ?1 order by track", caseIds).forEach(
                t -> byCase.computeIfAbsent(t.caseId, id -> new java.util.ArrayList<>()).add(t.state()));
        return byCase;
    }

    public TrackState state() {
        return new TrackState(track, waitingFor, outcome, new HashSet<>(List.of(openItems)), openedAt, outcomeAt,
                reopenCount, since);
    }

    /** Writes the changed states of one case: updates its rows, inserts the new ones. */
    public static void save(UUID caseId, List<TrackState> changed) {
        if (changed.isEmpty()) {
            return;
        }
        List<CaseTrack> rows = of(caseId);
        for (TrackState s : changed) {
            CaseTrack row = rows.stream().filter(r -> r.track == s.track()).findFirst().orElse(null);
            boolean isNew = row == null;
            if (isNew) {
                row = new CaseTrack();
                row.id = UUID.randomUUID();
                row.caseId = caseId;
                row.track = s.track();
            }
            row.waitingFor = s.waitingFor();
            row.outcome = s.outcome();
            row.openItems = s.openItems().toArray(UUID[]::new);
            row.openedAt = s.openedAt();
            row.outcomeAt = s.outcomeAt();
            row.reopenCount = s.reopenCount();
            row.since = s.since();
            if (isNew) {
                row.persist(); // the insert takes the values as they are now
            }
        }
    }
}
