package vn.hotline1022.referral.hospitals;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import vn.hotline1022.events.common.BedType;

/** A hospital (bệnh viện) that must accept the patients 1022 refers to it. */
@Entity
public class Hospital extends PanacheEntityBase {

    @Id
    public UUID id;
    /** Facility code (mã cơ sở KCB); hospital staff tokens carry it as {@code hospital_code}. */
    public String code;
    public String name;
    public String provinceCode;
    public String districtCode;
    @Enumerated(EnumType.STRING)
    public HospitalLevel level;
    @Enumerated(EnumType.STRING)
    public Ownership ownership;
    /** WGS 84; both or neither (a check in the database). Routing uses the district, not the distance, for now. */
    public Double latitude;
    public Double longitude;
    public String address;
    /** False while the hospital has paused intake (tạm dừng tiếp nhận): it is never asked for a bed then. */
    public boolean accepting;
    public Instant acceptingChangedAt;
    public String pausedReason;
    /** Staff data (số trực): shown to those who may see the hospital, never written to logs. */
    public String dutyPhone;
    public String contactName;
    public Instant createdAt;
    public Instant capacityUpdatedAt;

    /**
     * Hospitals of the province that take patients now and have a bed of this type nobody holds, best first: same district as the case,
     * then the most such beds. Hospitals that already rejected the case or let it expire are never asked again.
     * Only a candidate list: the bed is taken by {@link BedPool#hold}, which re-checks under the row lock.
     */
    public static List<Hospital> withFreeBed(String provinceCode, String districtCode, BedType bedType, UUID caseId) {
        getEntityManager().flush();
        @SuppressWarnings("unchecked")
        List<Hospital> found = getEntityManager().createNativeQuery("""
                select h.* from hospital h join bed_pool b on b.hospital_id = h.id
                 where h.province_code = ?1 and h.accepting and b.bed_type = ?2 and b.free - b.held > 0
                   and h.id not in (select r.hospital_id from referral r
                                     where r.case_id = ?3 and r.status in ('REJECTED', 'EXPIRED'))
                 order by case when h.district_code = ?4 then 0 else 1 end,
                          b.free - b.held desc,
                          h.name
                 limit 20
                """, Hospital.class)
                .setParameter(1, provinceCode)
                .setParameter(2, bedType.name())
                .setParameter(3, caseId)
                .setParameter(4, districtCode)
                .getResultList();
        return found;
    }

    public static Hospital byCode(String code) {
        return find("code", code).firstResult();
    }
}
