package vn.hotline1022.dispatch.teams;

import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One crew member. The name is staff personal data: served by the API, never written to logs. */
@Entity
public class TeamMember extends PanacheEntityBase {
    @Id
    public UUID id;
    public UUID teamId;
    public String name;
    @Enumerated(EnumType.STRING)
    public MemberRole role;
}
