package vn.hotline1022.relief.donors;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A donor (nhà tài trợ): the Red Cross (Hội Chữ thập đỏ), the Fatherland Front (Mặt trận Tổ quốc), a business. */
@Entity
public class Donor extends PanacheEntityBase {

    public enum Kind {
        RED_CROSS, FATHERLAND_FRONT, BUSINESS, OTHER
    }

    @Id
    public UUID id;
    public String code;
    public String name;
    @Enumerated(EnumType.STRING)
    public Kind kind;
    public Instant createdAt;

    public static Donor findByCode(String code) {
        return find("code", code).firstResult();
    }
}
