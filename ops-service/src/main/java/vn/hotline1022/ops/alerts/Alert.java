package vn.hotline1022.ops.alerts;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** An alert: open while its rule's condition holds for its subject, then resolved. */
@Entity
public class Alert extends PanacheEntityBase {

    public enum State {
        OPEN, RESOLVED
    }

    @Id
    public UUID id;
    public String rule;
    public String subject;
    public String severity;
    @Enumerated(EnumType.STRING)
    public State state;
    public String detail;
    public Instant raisedAt;
    public Instant resolvedAt;
}
