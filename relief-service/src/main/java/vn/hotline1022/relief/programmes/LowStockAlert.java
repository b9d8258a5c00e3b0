package vn.hotline1022.relief.programmes;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A programme's stock fell to or below its threshold (sắp hết hàng): one row per crossing, kept as a log. */
@Entity
public class LowStockAlert extends PanacheEntityBase {

    @Id
    public UUID id;
    public String programmeCode;
    public String provinceCode;
    /** Stock left right after the allocation that crossed the threshold. */
    public int stock;
    public int lowStockThreshold;
    /** Requests already queued for stock at that moment. */
    public long waiting;
    public Instant raisedAt;
}
