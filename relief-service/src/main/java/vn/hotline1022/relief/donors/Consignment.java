package vn.hotline1022.relief.donors;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** Packages a donor sends to a programme (lô hàng); its arrival adds them to the programme's stock, once. */
@Entity
public class Consignment extends PanacheEntityBase {

    public enum Status {
        EXPECTED, ARRIVED
    }

    @Id
    public UUID id;
    public String donorCode;
    public String programmeCode;
    public int quantity;
    /** The warehouse it goes to. */
    public String warehouseCode;
    @Enumerated(EnumType.STRING)
    public Status status;
    public Instant expectedAt;
    public Instant arrivedAt;
    public String receivedBy;
    public String createdBy;
    public Instant createdAt;
}
