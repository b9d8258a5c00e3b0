package vn.hotline1022.dispatch.assignments;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import vn.hotline1022.events.common.Location;
import vn.hotline1022.events.common.Need;

/**
 * A case waiting for a team. An emergency waits for any free team and is dispatched automatically as soon as one
 * frees up; any other case waits for a dispatcher to confirm a recommended team.
 */
@Entity
public class QueuedCase extends PanacheEntityBase {

    public static final String NO_TEAM_AVAILABLE = "NO_TEAM_AVAILABLE";
    public static final String AWAITING_DISPATCHER = "AWAITING_DISPATCHER";

    @Id
    public UUID caseId;
    public String caseCode;
    public String provinceCode;
    public String districtCode;
    public String wardCode;
    public boolean medical;
    public boolean emergency;
    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> needs;
    public int priority;
    public String reason;
    public Instant queuedAt;

    /** A case that now waits for a team, stored. */
    static QueuedCase waiting(UUID caseId, String caseCode, Location at, List<Need> needs, int priority,
            boolean emergency, String reason) {
        QueuedCase q = new QueuedCase();
        q.caseId = caseId;
        q.caseCode = caseCode;
        q.provinceCode = at.provinceCode();
        q.districtCode = at.districtCode();
        q.wardCode = at.wardCode();
        q.medical = needs.stream().anyMatch(Need::isMedical);
        q.emergency = emergency;
        q.needs = new ArrayList<>(needs.stream().map(Need::name).toList());
        q.priority = priority;
        q.reason = reason;
        q.queuedAt = Instant.now();
        q.persist();
        return q;
    }

    public static QueuedCase lock(UUID caseId) {
        return findById(caseId, LockModeType.PESSIMISTIC_WRITE);
    }

    /**
     * The waiting emergency a freed team should take, locked (skipping cases another freed team is taking): red-zone
     * wards first, then the highest priority, then the longest wait.
     */
    @SuppressWarnings("unchecked")
    public static QueuedCase lockNextFor(String provinceCode, boolean hasMedicalStaff) {
        List<QueuedCase> found = getEntityManager().createNativeQuery("""
                select q.* from queued_case q left join ward_zone z on z.ward_code = q.ward_code
                 where q.emergency and q.province_code = :province and (not q.medical or :medic)
                 order by case when z.colour = 'RED' then 0 else 1 end, q.priority desc, q.queued_at
                 limit 1
                 for update of q skip locked
                """, QueuedCase.class)
                .setParameter("province", provinceCode)
                .setParameter("medic", hasMedicalStaff)
                .getResultList();
        return found.isEmpty() ? null : found.get(0);
    }

    /** The whole queue as a dispatcher sees it: emergencies first, each part in drain order. */
    @SuppressWarnings("unchecked")
    public static List<QueuedCase> inDrainOrder(String provinceCode) {
        var query = getEntityManager().createNativeQuery("""
                select q.* from queued_case q left join ward_zone z on z.ward_code = q.ward_code
                """ + (provinceCode == null ? "" : " where q.province_code = :province ") + """
                 order by q.emergency desc, case when z.colour = 'RED' then 0 else 1 end, q.priority desc, q.queued_at
                """, QueuedCase.class);
        if (provinceCode != null) {
            query.setParameter("province", provinceCode);
        }
        return query.getResultList();
    }
}
