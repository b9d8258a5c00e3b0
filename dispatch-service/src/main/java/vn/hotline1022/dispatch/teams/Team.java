package vn.hotline1022.dispatch.teams;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
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

/** A rapid-response team (tổ phản ứng nhanh): a vehicle and its crew, covering some wards of a district. */
@Entity
public class Team extends PanacheEntityBase {

    /** Shifts are set in the local time of the teams. */
    public static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

    /**
     * Where the team is in its day. DISPATCHED, EN_ROUTE and ON_SCENE follow its live assignment (accepted counts as
     * DISPATCHED); AVAILABLE, RETURNING and OFF_DUTY are set by the team or a dispatcher while it has none. Only an
     * AVAILABLE team is ever dispatched; a team that completes a visit is AVAILABLE at once (it can be redirected from
     * the road) unless it reports it is RETURNING to base (to restock or disinfect).
     */
    public enum Status {
        AVAILABLE, DISPATCHED, EN_ROUTE, ON_SCENE, RETURNING, OFF_DUTY;

        /** Statuses a person may set; the others belong to the assignment. */
        public boolean manual() {
            return this == AVAILABLE || this == RETURNING || this == OFF_DUTY;
        }
    }

    /** How a team relates to a case's place, in the order teams are preferred. */
    public static final String SAME_WARD = "SAME_WARD";
    public static final String SAME_DISTRICT = "SAME_DISTRICT";
    public static final String MUTUAL_AID = "MUTUAL_AID";
    public static final String PROVINCIAL_RESERVE = "PROVINCIAL_RESERVE";

    @Id
    public UUID id;
    /** Short code printed on the vehicle, e.g. TDM-01; team members' tokens carry it. */
    public String code;
    public String name;
    public String provinceCode;
    public String homeDistrictCode;
    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> coveredWardCodes;
    /** Members able to give medical care; a team without any is never sent to a medical need. */
    public int medicalStaff;
    public String vehicle;
    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> equipment;
    /** A provincial reserve team: sent anywhere in the province, but only after local teams and mutual aid. */
    public boolean reserve;
    /** Shift (ca trực) in Vietnam local time; null for a team on duty around the clock. May cross midnight. */
    public LocalTime shiftStart;
    public LocalTime shiftEnd;
    @Enumerated(EnumType.STRING)
    public Status status;
    public Instant statusChangedAt;
    public Instant createdAt;

    /**
     * What the ranking needs to know about the case.
     *
     * @param transport only a team that can carry a patient lying down: an ambulance (stretcher) with medical staff,
     *                  and then oxygen is required, not merely preferred
     */
    public record Need(String provinceCode, String districtCode, String wardCode, boolean medical, boolean oxygen,
            boolean redZone, boolean transport) {

        public Need(String provinceCode, String districtCode, String wardCode, boolean medical, boolean oxygen,
                boolean redZone) {
            this(provinceCode, districtCode, wardCode, medical, oxygen, redZone, false);
        }
    }

    /*
     * Ranking, best first: proximity (same ward, same district, another district of the province = mutual aid,
     * provincial reserve), then the equipment the case calls for (oxygen; protective kit in a red zone), then the
     * lightest recent load, then the code (a stable order). Only AVAILABLE teams of the province that are on shift,
     * and never a team without medical staff for a medical need.
     */
    private static final String RANKED = """
            select t.* from team t
             where t.status = 'AVAILABLE' and t.province_code = :province and (not :medical or t.medical_staff > 0)
               and (not :transport or (t.vehicle = 'AMBULANCE' and t.medical_staff > 0
                                       and (not :oxygen or 'OXYGEN' = any(t.equipment))))
               and (t.shift_start is null
                    or (t.shift_start <= t.shift_end and :local_time >= t.shift_start and :local_time < t.shift_end)
                    or (t.shift_start > t.shift_end and (:local_time >= t.shift_start or :local_time < t.shift_end)))
             order by case when t.reserve then 3
                           when :ward = any(t.covered_ward_codes) then 0
                           when t.home_district_code = :district then 1
                           else 2 end,
                      case when :oxygen and not ('OXYGEN' = any(t.equipment)) then 1 else 0 end,
                      case when :red and not ('PROTECTIVE_KIT' = any(t.equipment)) then 1 else 0 end,
                      (select count(*) from assignment a where a.team_id = t.id and a.dispatched_at > :since),
                      t.code
            """;

    /**
     * The best free team for a case, locked for this transaction. Teams locked by a concurrent dispatch (another
     * thread or instance) are skipped, so two cases never get the same team; the unique index on live assignments per
     * team backs this up.
     */
    public static Team lockBestAvailable(Need need, Instant loadSince) {
        List<Team> found = ranked(RANKED + " limit 1 for update of t skip locked", need, loadSince);
        return found.isEmpty() ? null : found.get(0);
    }

    /** The ranked free teams for a case, without locking: the list a dispatcher chooses from. */
    public static List<Team> ranking(Need need, Instant loadSince, int limit) {
        return ranked(RANKED + " limit " + Math.max(1, limit), need, loadSince);
    }

    @SuppressWarnings("unchecked")
    private static List<Team> ranked(String sql, Need need, Instant loadSince) {
        return getEntityManager().createNativeQuery(sql, Team.class)
                .setParameter("province", need.provinceCode())
                // "" rather than null: an unknown district or ward simply matches no team's (no untyped null parameter)
                .setParameter("district", need.districtCode() == null ? "" : need.districtCode())
                .setParameter("ward", need.wardCode() == null ? "" : need.wardCode())
                .setParameter("transport", need.transport())
                .setParameter("medical", need.medical())
                .setParameter("oxygen", need.oxygen())
                .setParameter("red", need.redZone())
                .setParameter("since", loadSince)
                .setParameter("local_time", LocalTime.now(VIETNAM))
                .getResultList();
    }

    /** Dispatches of this team since {@code since}: its recent load. */
    public long loadSince(Instant since) {
        return getEntityManager()
                .createQuery("select count(a) from Assignment a where a.teamId = ?1 and a.dispatchedAt > ?2", Long.class)
                .setParameter(1, id).setParameter(2, since).getSingleResult();
    }

    /** How this team relates to a place: {@link #SAME_WARD}, {@link #SAME_DISTRICT}, ... */
    public String matchFor(String districtCode, String wardCode) {
        if (reserve) {
            return PROVINCIAL_RESERVE;
        }
        if (coveredWardCodes != null && coveredWardCodes.contains(wardCode)) {
            return SAME_WARD;
        }
        return homeDistrictCode.equals(districtCode) ? SAME_DISTRICT : MUTUAL_AID;
    }

    /** Can carry a patient to hospital: a stretcher (ambulance), medical staff, and oxygen when it is needed. */
    public boolean canTransport(boolean oxygen) {
        return Vehicle.AMBULANCE.name().equals(vehicle) && medicalStaff > 0 && (!oxygen || carries(Equipment.OXYGEN));
    }

    public boolean carries(Equipment e) {
        return equipment != null && equipment.contains(e.name());
    }

    public void moveTo(Status next) {
        status = next;
        statusChangedAt = Instant.now();
    }

    public static Team byCode(String code) {
        return find("code", code).firstResult();
    }

    /** The team, locked until the transaction ends: status changes on one team are serialised. */
    public static Team lockByCode(String code) {
        return find("code", code).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    public static Team lock(UUID id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }
}
