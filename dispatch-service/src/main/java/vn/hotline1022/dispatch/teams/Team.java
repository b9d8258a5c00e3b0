package vn.hotline1022.dispatch.teams;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A rapid-response team (tổ phản ứng nhanh): a vehicle and its crew, covering some wards of a district. */
@Entity
public class Team extends PanacheEntityBase {

    public enum Status {
        AVAILABLE, DISPATCHED, OFF_DUTY
    }

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
    @Enumerated(EnumType.STRING)
    public Status status;
    public Instant createdAt;

    /**
     * The best free team for a place, locked for this transaction: one covering the ward, else one based in the
     * district, else any in the province (mutual aid). Teams locked by a concurrent dispatch are skipped, so two
     * cases never get the same team.
     */
    public static Team lockBestAvailable(String provinceCode, String districtCode, String wardCode, boolean medical) {
        @SuppressWarnings("unchecked")
        List<Team> found = getEntityManager().createNativeQuery("""
                select * from team
                 where status = 'AVAILABLE' and province_code = ?1 and (not ?4 or medical_staff > 0)
                 order by case when ?3 = any(covered_ward_codes) then 0
                               when home_district_code = ?2 then 1
                               else 2 end,
                          name
                 limit 1
                 for update skip locked
                """, Team.class)
                .setParameter(1, provinceCode)
                .setParameter(2, districtCode)
                .setParameter(3, wardCode)
                .setParameter(4, medical)
                .getResultList();
        return found.isEmpty() ? null : found.get(0);
    }

    /** How a team relates to a place, in the order teams are preferred. */
    public String matchFor(String districtCode, String wardCode) {
        if (coveredWardCodes != null && coveredWardCodes.contains(wardCode)) {
            return "SAME_WARD";
        }
        return homeDistrictCode.equals(districtCode) ? "SAME_DISTRICT" : "MUTUAL_AID";
    }

    public static Team byCode(String code) {
        return find("code", code).firstResult();
    }
}
