package vn.hotline1022.dispatch.assignments;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import vn.hotline1022.commons.security.Scope;

/** One team sent to one case, with the time of every step. */
@Entity
public class Assignment extends PanacheEntityBase {

    /**
     * The phone app walks an assignment through these in order; any other step is refused (409):
     * DISPATCHED → ACCEPTED → EN_ROUTE → ARRIVED → COMPLETED.
     */
    public enum Status {
        DISPATCHED, ACCEPTED, EN_ROUTE, ARRIVED, COMPLETED;

        /** The only status this one may move to; null for the last. */
        public Status next() {
            return this == COMPLETED ? null : values()[ordinal() + 1];
        }
    }

    @Id
    public UUID id;
    public UUID caseId;
    public String caseCode;
    public UUID teamId;
    @Enumerated(EnumType.STRING)
    public Status status;
    public String matchedBy;
    public boolean automatic;
    /** The dispatcher who chose the team; null when it was assigned automatically. */
    public String dispatcherId;
    /** A dispatcher's choice: true if the team was the first recommendation then; null when assigned automatically. */
    public Boolean topRecommendation;
    /** Why the dispatcher chose another team than the first recommendation (optional, at most 500 characters). */
    public String overrideReason;
    public String provinceCode;
    public String districtCode;
    public String wardCode;
    public String outcome;
    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> followUpNeeds;
    public String completionNote;
    public Instant dispatchedAt;
    public Instant acceptedAt;
    public Instant enRouteAt;
    public Instant arrivedAt;
    public Instant completedAt;

    public static boolean liveFor(UUID caseId) {
        return count("caseId = ?1 and status <> ?2", caseId, Status.COMPLETED) > 0;
    }

    public static Assignment liveForTeam(UUID teamId) {
        return find("teamId = ?1 and status <> ?2", teamId, Status.COMPLETED).firstResult();
    }

    /**
     * One page of assignments: of one team ({@code teamId}), or else inside {@code area} (none without
     * one: fails closed); of one case when {@code caseId} is given.
     */
    public static List<Assignment> page(Scope area, UUID teamId, UUID caseId, int page, int size) {
        if (teamId == null && area.isEmpty()) {
            return List.of();
        }
        StringBuilder query = new StringBuilder("1 = 1");
        Parameters params = new Parameters();
        if (caseId != null) {
            query.append(" and caseId = :caseId");
            params.and("caseId", caseId);
        }
        if (teamId != null) {
            query.append(" and teamId = :teamId");
            params.and("teamId", teamId);
        } else {
            query.append(" and ").append(area.queryCondition("provinceCode", "districtCode"));
            area.queryParameters().forEach(params::and);
        }
        // A case's few assignments in the order they happened; a whole area's newest first.
        Sort order = caseId != null ? Sort.by("dispatchedAt").and("id") : Sort.by("dispatchedAt").descending().and("id");
        return find(query.toString(), order, params)
                .page(Page.of(page, size)).list();
    }

    public static Assignment lock(UUID id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }
}
