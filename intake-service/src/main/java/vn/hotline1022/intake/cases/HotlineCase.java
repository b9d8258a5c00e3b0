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

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A citizen's request (hồ sơ), opened by a call. The caller's name and phone live here and nowhere in the logs. */
@Entity
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

    public static Optional<HotlineCase> byCode(String code) {
        return find("code", code).firstResultOptional();
    }

    public static Optional<HotlineCase> byFirstCall(UUID callId) {
        return find("firstCallId", callId).firstResultOptional();
    }
}
