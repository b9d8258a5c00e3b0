package vn.hotline1022.dispatch.assignments;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A case that found no free team; it waits here until one frees up. */
@Entity
public class QueuedCase extends PanacheEntityBase {
    @Id
    public UUID caseId;
    public String caseCode;
    public String provinceCode;
    public String districtCode;
    public String wardCode;
    public boolean medical;
    public int priority;
    public Instant queuedAt;
}
