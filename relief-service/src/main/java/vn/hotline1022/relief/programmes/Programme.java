package vn.hotline1022.relief.programmes;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import vn.hotline1022.events.common.Need;
import vn.hotline1022.events.common.ReliefItem;

/**
 * A relief programme (chương trình hỗ trợ): what a package holds, for which needs in which province, how many packages
 * are in stock and how many one household may receive.
 */
@Entity
public class Programme extends PanacheEntityBase {

    @Id
    public UUID id;
    public String code;
    public String name;
    public String provinceCode;
    /** Need names; only relief needs ({@link Need#isRelief()}). */
    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> needs;
    @ElementCollection
    @CollectionTable(name = "programme_item", joinColumns = @JoinColumn(name = "programme_id"))
    @OrderColumn(name = "line_no")
    public List<ProgrammeItem> items = new ArrayList<>();
    public Long amountVnd;
    /** Packages one household may receive from this programme, delivered or on the way. */
    public int perHouseholdCap;
    /** The cap counts per period: null once for good, MONTH per calendar month, or e.g. P30D (rolling days). */
    public String capPeriod;
    /** Stock at or below it is listed as low. */
    public int lowStockThreshold;
    /**
     * Packages on hand in all the programme's warehouses: kept by the database as their sum (see Stock), never
     * written through this field.
     */
    @Column(insertable = false, updatable = false)
    public int stock;
    public boolean active;
    public Instant createdAt;
    /** Eligibility (điều kiện hưởng): only households in these districts of the province; null for all. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> eligibleDistrictCodes;
    /** Eligibility: only households of at least this many members; null for any size. */
    public Integer minMembers;
    /** Eligibility: only households with at least one of these vulnerabilities; null or empty for all. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> anyVulnerability;

    /** Vietnam has one time zone and no daylight saving; calendar months are counted in it. */
    public static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

    /** Start of the cap period that contains {@code now}; null when the cap is for the programme's whole life. */
    public Instant periodStart(Instant now) {
        if (capPeriod == null) {
            return null;
        }
        if (capPeriod.equals("MONTH")) {
            return now.atZone(VIETNAM).toLocalDate().withDayOfMonth(1).atStartOfDay(VIETNAM).toInstant();
        }
        return now.minus(Duration.parse(capPeriod));
    }

    /** Why the applicant is not eligible for this programme; null when it is. */
    public String ineligibility(Applicant a) {
        List<String> unmet = new ArrayList<>();
        if (eligibleDistrictCodes != null && !eligibleDistrictCodes.contains(a.districtCode())) {
            unmet.add("only for districts " + String.join(", ", eligibleDistrictCodes));
        }
        if (minMembers != null && a.members() < minMembers) {
            unmet.add("only for households of at least " + minMembers + " members"
                    + (a.members() == 0 ? " (the household's size is not known yet)" : ""));
        }
        if (anyVulnerability != null && !anyVulnerability.isEmpty()
                && anyVulnerability.stream().noneMatch(a.vulnerabilities()::contains)) {
            unmet.add("only for households with " + String.join(" or ", anyVulnerability));
        }
        return unmet.isEmpty() ? null : code + " is " + String.join(" and ", unmet);
    }

    public List<ReliefItem> itemsForEvent() {
        return items.stream().map(ProgrammeItem::toEvent).toList();
    }

    public static Programme findByCode(String code) {
        return find("code", code).firstResult();
    }

    /**
     * The active programmes of a province covering a need, in the order they serve: those with stock first, then the
     * oldest. Not locked: the caller locks the one it picks with {@link #lockIfActive}.
     */
    public static List<Programme> covering(String provinceCode, Need need) {
        @SuppressWarnings("unchecked")
        List<String> codes = getEntityManager().createNativeQuery("""
                select code from programme
                 where active and province_code = ?1 and ?2 = any(needs)
                 order by stock > 0 desc, created_at, code
                """, String.class)
                .setParameter(1, provinceCode)
                .setParameter(2, need.name())
                .getResultList();
        return codes.stream().map(Programme::findByCode).toList();
    }

    /**
     * Locks the programme's row for this transaction. Every allocation locks programme rows (in code order) before
     * any household row, so concurrent allocations and stock arrivals queue up instead of deadlocking.
     *
     * @return whether it is still active
     */
    public static boolean lockIfActive(String code) {
        @SuppressWarnings("unchecked")
        List<Boolean> found = getEntityManager()
                .createNativeQuery("select active from programme where code = ?1 for no key update", Boolean.class)
                .setParameter(1, code)
                .getResultList();
        return !found.isEmpty() && found.get(0);
    }
}
