package vn.hotline1022.messaging.probe;

import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One row per event the probe consumer handled: a redelivery that ran twice would fail on the primary key. */
@Entity
@Table(name = "probe_handled")
public class ProbeHandled {
    @Id
    public UUID eventId;
    public UUID caseId;
    public String reason;
}
