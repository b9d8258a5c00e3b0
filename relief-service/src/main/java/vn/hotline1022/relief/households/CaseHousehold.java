package vn.hotline1022.relief.households;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** The household a case is about, kept from its CallReceived so that later events of the case reach it. */
@Entity
public class CaseHousehold extends PanacheEntityBase {

    @Id
    public UUID caseId;
    public String caseCode;
    public UUID householdId;
    public Instant createdAt;

    public static void record(UUID caseId, String caseCode, UUID householdId) {
        CaseHousehold link = new CaseHousehold();
        link.caseId = caseId;
        link.caseCode = caseCode;
        link.householdId = householdId;
        link.createdAt = Instant.now();
        link.persist();
    }
}
