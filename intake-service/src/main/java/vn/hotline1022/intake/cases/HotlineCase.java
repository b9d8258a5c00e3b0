package vn.hotline1022.intake.cases;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.DynamicUpdate;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import vn.hotline1022.events.common.EscalationLevel;

/** A citizen's request (hồ sơ), opened by a call. The caller's name and phone live here and nowhere in the logs. */
@Entity
@DynamicUpdate // writers update only what they changed: the call taker and the timeline touch different columns
@Table(name = "hotline_case")
public class HotlineCase extends PanacheEntityBase {

    @Id
    public UUID id;
    public String code;
    public UUID firstCallId;
    @Enumerated(EnumType.STRING)
    public CaseStatus status;
    public int priority;
    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> needs;
    public String channel;
    public String provinceCode;
    public String districtCode;
    public String wardCode;
    public String addressText;
    /** {@code HouseholdAddress} key of the address the case was opened with; null when too vague to link calls on. */
    public String householdKey;
    public Double latitude;
    public Double longitude;
    public int householdSize;
    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> vulnerabilities;
    public String notes;
    public String agentId;
    public String callerName;
    public String callerPhone;
    public Instant openedAt;
    public Instant updatedAt;
    /** Calls on this case, the first included. */
    public int repeatCount;
    @JdbcTypeCode(SqlTypes.JSON)
    public List<PriorityReason> priorityReasons;
    /** Name, phone, address and place names without diacritics, for search; never shown. */
    public String searchText;
    public Instant firstActionDue;
    public Instant resolutionDue;
    public Instant firstActionAt;
    public Instant resolvedAt;
    public int reopenCount;
    /** The last "help has not arrived" that reopened and escalated the case; later ones soon after are contacts. */
    public Instant lastReopenedAt;
    /** {@link EscalationLevel} ordinal: a case starts with its ward and goes up on every missed clock. */
    public int escalationLevel;
    public Instant escalatedAt;
    /** The ward or district official who took the case (cán bộ phụ trách); null while no official has it. */
    public String officialOwner;
    public Instant officialOwnedAt;
    /** The outcome of the official's last verification visit ({@code CaseVerified}), and when the visit was. */
    public String lastVerification;
    public Instant lastVerifiedAt;

    public static Optional<HotlineCase> byCode(String code) {
        return find("code", code).firstResultOptional();
    }

    public EscalationLevel escalation() {
        return EscalationLevel.values()[escalationLevel];
    }

    /** A missed clock or a citizen saying help did not come; what the overdue list and the report count. */
    public boolean overdue(Instant now) {
        if (status == CaseStatus.RESOLVED) {
            return false;
        }
        return (firstActionAt == null && firstActionDue.isBefore(now)) || resolutionDue.isBefore(now)
                || reopenCount > 0;
    }

    /** The open case of this (normalised) phone, if any: a new call from it is linked there. */
    public static Optional<HotlineCase> openByPhone(String phone) {
        return find("callerPhone = ?1 and status <> ?2 order by openedAt desc", phone, CaseStatus.RESOLVED)
                .firstResultOptional();
    }

    /** The open case of this household (same ward, same specific address), if any: a new call from it is linked. */
    public static Optional<HotlineCase> openByHousehold(String wardCode, String householdKey) {
        return find("wardCode = ?1 and householdKey = ?2 and status <> ?3 order by openedAt desc", wardCode,
                householdKey, CaseStatus.RESOLVED).firstResultOptional();
    }
}
