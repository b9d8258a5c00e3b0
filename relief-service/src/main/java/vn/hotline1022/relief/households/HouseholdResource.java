package vn.hotline1022.relief.households;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import vn.hotline1022.relief.access.ReliefScope;
import vn.hotline1022.commons.security.Roles;

/**
 * Officers complete a household from the ward's records: the citizen ID (CCCD) a call never carries, the address as
 * verified, the number of members. Only hashes of the ID and the normalised address are kept.
 */
@Path("/api/v1/households")
@Tag(name = "Households")
public class HouseholdResource {

    @Inject
    Households households;

    @Inject
    ReliefScope scope;

    /**
     * @param citizenId   12-digit citizen ID of the head of household; absent: unchanged
     * @param addressText as verified by the ward; absent: unchanged
     * @param members     absent: unchanged
     */
    public record HouseholdUpdate(
            @Pattern(regexp = "\\d{12}", message = "must be a 12-digit citizen ID") String citizenId,
            @Size(min = 3, max = 500) String addressText,
            @Min(1) @Max(100) Integer members) {
    }

    /** Never the ID or address: only whether they are known, and which other households look like the same family. */
    public record HouseholdView(UUID id, String reference, String provinceCode, String districtCode, String wardCode,
            int members, boolean citizenIdRecorded, boolean addressRecorded, List<Households.Match> possibleDuplicates) {
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed({ Roles.RELIEF_OFFICER, Roles.ADMIN })
    public HouseholdView update(@PathParam("id") UUID id, @Valid @NotNull HouseholdUpdate request) {
        Households.Updated u = households.update(id, request.citizenId(), request.addressText(), request.members(),
                scope);
        Household h = u.household();
        return new HouseholdView(h.id, Household.maskedReference(h.id), h.provinceCode, h.districtCode, h.wardCode,
                h.members, h.citizenIdHash != null, h.addressHash != null, u.possibleDuplicates());
    }
}
