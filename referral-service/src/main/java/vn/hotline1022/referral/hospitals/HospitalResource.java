package vn.hotline1022.referral.hospitals;

import java.net.URI;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.panache.common.Sort;
import vn.hotline1022.commons.web.ProblemException;
import vn.hotline1022.events.common.BedType;

@Path("/api/v1/hospitals")
@Tag(name = "Hospitals")
public class HospitalResource {

    @Inject
    Hospitals hospitals;

    public record NewBeds(@NotNull @Min(0) Integer total, @NotNull @Min(0) Integer free) {
    }

    public record NewHospital(@NotBlank @Size(max = 200) String name,
            @NotBlank @Pattern(regexp = "\\d{2}", message = "must be a 2-digit province code") String provinceCode,
            @NotBlank @Pattern(regexp = "\\d{3}", message = "must be a 3-digit district code") String districtCode,
            @NotNull HospitalLevel level,
            @NotEmpty Map<@NotNull BedType, @NotNull @Valid NewBeds> beds) {
    }

    /** The hospital's own count; {@code total} only when the ward grew or shrank (null keeps it). */
    public record BedsUpdate(@Min(0) Integer total, @NotNull @Min(0) Integer free) {
    }

    public record CapacityUpdate(@NotEmpty Map<@NotNull BedType, @NotNull @Valid BedsUpdate> beds) {
    }

    /** {@code available} = free minus the beds held for referrals still waiting for the hospital's answer. */
    public record BedsView(int total, int free, int held, int available) {
    }

    public record HospitalView(UUID id, String name, String provinceCode, String districtCode, HospitalLevel level,
            Map<BedType, BedsView> beds, Instant capacityUpdatedAt) {
        static HospitalView of(Hospital h, List<BedPool> pools) {
            Map<BedType, BedsView> beds = new EnumMap<>(BedType.class);
            for (BedPool p : pools) {
                beds.put(p.bedType, new BedsView(p.total, p.free, p.held, p.available()));
            }
            return new HospitalView(h.id, h.name, h.provinceCode, h.districtCode, h.level, beds,
                    h.capacityUpdatedAt);
        }
    }

    @GET
    public List<HospitalView> list(@QueryParam("provinceCode") String provinceCode) {
        List<Hospital> found = provinceCode == null ? Hospital.listAll(Sort.by("name"))
                : Hospital.list("provinceCode", Sort.by("name"), provinceCode);
        return found.stream().map(h -> HospitalView.of(h, BedPool.list("hospitalId", h.id))).toList();
    }

    @GET
    @Path("/{id}")
    public HospitalView get(@PathParam("id") UUID id) {
        Hospital h = Hospital.findById(id);
        if (h == null) {
            throw ProblemException.notFound("Hospital " + id);
        }
        return HospitalView.of(h, BedPool.list("hospitalId", id));
    }

    @POST
    public Response create(@Valid @NotNull NewHospital request) {
        HospitalView created = hospitals.create(request);
        return Response.created(URI.create("/api/v1/hospitals/" + created.id())).entity(created).build();
    }

    @PUT
    @Path("/{id}/capacity")
    public HospitalView updateCapacity(@PathParam("id") UUID id, @Valid @NotNull CapacityUpdate request) {
        return hospitals.updateCapacity(id, request);
    }
}
