package vn.hotline1022.messaging.probe;

import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The probe service's state: what a real service's case or team row stands for in these tests. */
@Entity
@Table(name = "probe_note")
public class ProbeNote {
    @Id
    public UUID id;
    public UUID caseId;
    public String text;
}
