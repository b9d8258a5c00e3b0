package vn.hotline1022.referral.hospitals;

import java.net.URI;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
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
import vn.hotline1022.commons.security.Roles;
import vn.hotline1022.commons.web.ProblemException;
import vn.hotline1022.events.common.BedType;

@Path("/api/v1/hospitals")
@Tag(name = "Hospitals")
public class HospitalResource {

    @Inject
    HospitalScope scope;

    @Inject
    Hospitals hospitals;

    public record NewBeds(@NotNull @Min(0) Integer total, @NotNull @Min(0) Integer free) {
    }

    public record NewHospital(
            @NotBlank @Pattern(regexp = "\\d{5}", message = "must be the 5-digit facility code (mã KCB)") String code,
            @NotBlank @Size(max = 200) String name,
            @NotBlank @Pattern(regexp = "\\d{2}", message = "must be a 2-digit province code") String provinceCode,
            @NotBlank @Pattern(regexp = "\\d{3}", message = "must be a 3-digit district code") String districtCode,
            @NotNull HospitalLevel level,
            @NotEmpty Map<@NotNull BedType, @NotNull @Valid NewBeds> beds,
            Ownership ownership,
            @Valid Site location,
            @Valid Contacts contacts) {
    }

    /**
     * Where the hospital is. Coordinates are optional (many field hospitals had none at first) but come in pairs.
     */
    public record Site(
            @DecimalMin("-90") @DecimalMax("90") Double latitude,
            @DecimalMin("-180") @DecimalMax("180") Double longitude,
            @Size(max = 500) String address) {
    }

    /** Whom 1022 calls at the hospital: staff data, shown in the API but never logged. */
    public record Contacts(
            @Pattern(regexp = "\\+?[0-9][0-9 .-]{5,19}", message = "must be a phone number") String dutyPhone,
            @Size(max = 200) String name) {
    }

    /** @param reason why intake is paused (e.g. "hết oxy"); ignored when resuming */
    public record AcceptingUpdate(@NotNull Boolean accepting, @Size(max = 500) String reason) {
    }

    /** The hospital's own count; {@code total} only when the ward grew or shrank (null keeps it). */
    public record BedsUpdate(@Min(0) Integer total, @NotNull @Min(0) Integer free) {
    }

    public record CapacityUpdate(@NotEmpty Map<@NotNull BedType, @NotNull @Valid BedsUpdate> beds) {
    }

    /** {@code available} = free minus the beds held for referrals still waiting for the hospital's answer. */
    public record BedsView(int total, int free, int held, int available) {
    }

    /** @param accepting false while intake is paused: no referral is put to the hospital then */
    public record HospitalView(UUID id, String code, String name, Ownership ownership, String provinceCode,
            String districtCode, HospitalLevel level, Site location, Contacts contacts, boolean accepting,
            Instant acceptingChangedAt, String pausedReason, Map<BedType, BedsView> beds, Instant capacityUpdatedAt) {
        static HospitalView of(Hospital h, List<BedPool> pools) {
            Map<BedType, BedsView> beds = new EnumMap<>(BedType.class);
            for (BedPool p : pools) {
                beds.put(p.bedType, new BedsView(p.total, p.free, p.held, p.available()));
            }
            Site site = h.latitude == null && h.address == null ? null
                    : new Site(h.latitude, h.longitude, h.address);
            Contacts contacts = h.dutyPhone == null && h.contactName == null ? null
                    : new Contacts(h.dutyPhone, h.contactName);
            return new HospitalView(h.id, h.code, h.name, h.ownership, h.provinceCode, h.districtCode, h.level, site,
                    contacts, h.accepting, h.acceptingChangedAt, h.pausedReason, beds, h.capacityUpdatedAt);
        }
    }

    @GET
    @RolesAllowed({ Roles.CALL_AGENT, Roles.DISPATCHER, Roles.HOSPITAL_STAFF, Roles.OPS, Roles.ADMIN })
    public List<HospitalView> list(@QueryParam("provinceCode") String provinceCode) {
        List<Hospital> found = provinceCode == null ? Hospital.listAll(Sort.by("name"))
                : Hospital.list("provinceCode", Sort.by("name"), provinceCode);
        return found.stream().filter(scope::mayAccess).map(this::view).toList();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.CALL_AGENT, Roles.DISPATCHER, Roles.HOSPITAL_STAFF, Roles.OPS, Roles.ADMIN })
    public HospitalView get(@PathParam("id") UUID id) {
        Hospital h = Hospital.findById(id);
        if (h == null || !scope.mayAccess(h)) {
            throw ProblemException.notFound("Hospital " + id);
        }
        return view(h);
    }

    @POST
    @RolesAllowed({ Roles.OPS, Roles.ADMIN })
    public Response create(@Valid @NotNull NewHospital request) {
        if (!scope.area().coversProvince(request.provinceCode())) {
            throw ProblemException.forbidden("Hospitals are registered in your own province only");
        }
        if (request.location() != null
                && (request.location().latitude() == null) != (request.location().longitude() == null)) {
            throw ProblemException.invalidField(request.location().latitude() == null ? "location.latitude"
                    : "location.longitude", "latitude and longitude come together");
        }
        Hospital h = new Hospital();
        h.code = request.code();
        h.name = request.name().strip();
        h.provinceCode = request.provinceCode();
        h.districtCode = request.districtCode();
        h.level = request.level();
        h.ownership = request.ownership() == null ? Ownership.PUBLIC : request.ownership();
        if (request.location() != null) {
            h.latitude = request.location().latitude();
            h.longitude = request.location().longitude();
            h.address = Hospitals.blankToNull(request.location().address());
        }
        if (request.contacts() != null) {
            h.dutyPhone = Hospitals.blankToNull(request.contacts().dutyPhone());
            h.contactName = Hospitals.blankToNull(request.contacts().name());
        }
        Map<BedType, Beds> beds = new java.util.EnumMap<>(BedType.class);
        request.beds().forEach((type, b) -> beds.put(type, new Beds(b.total(), b.free())));
        HospitalView created = view(hospitals.create(h, beds));
        return Response.created(URI.create("/api/v1/hospitals/" + created.id())).entity(created).build();
    }

    @PUT
    @Path("/{id}/capacity")
    @RolesAllowed({ Roles.HOSPITAL_STAFF, Roles.OPS, Roles.ADMIN })
    public HospitalView updateCapacity(@PathParam("id") UUID id, @Valid @NotNull CapacityUpdate request) {
        checkOwnHospital(id);
        Map<BedType, Beds> beds = new java.util.EnumMap<>(BedType.class);
        request.beds().forEach((type, b) -> beds.put(type, new Beds(b.total(), b.free())));
        return view(hospitals.updateCapacity(id, beds));
    }

    /** Replaces whom 1022 calls at the hospital (the duty phone changes with the shift roster); empty fields clear. */
    @PUT
    @Path("/{id}/contacts")
    @RolesAllowed({ Roles.HOSPITAL_STAFF, Roles.OPS, Roles.ADMIN })
    public HospitalView updateContacts(@PathParam("id") UUID id, @Valid @NotNull Contacts request) {
        checkOwnHospital(id);
        return view(hospitals.updateContacts(id, request.dutyPhone(), request.name()));
    }

    /** Pauses or resumes intake (tạm dừng / tiếp tục tiếp nhận). Referrals already put to the hospital still need its answer. */
    @PUT
    @Path("/{id}/accepting")
    @RolesAllowed({ Roles.HOSPITAL_STAFF, Roles.OPS, Roles.ADMIN })
    public HospitalView updateAccepting(@PathParam("id") UUID id, @Valid @NotNull AcceptingUpdate request) {
        checkOwnHospital(id);
        return view(hospitals.updateAccepting(id, request.accepting(), request.reason()));
    }

    private HospitalView view(Hospital h) {
        return HospitalView.of(h, hospitals.pools(h.id));
    }

    /** Staff act on their own hospital only, ops in their area only; to the others it does not exist. */
    private void checkOwnHospital(UUID id) {
        Hospital h = Hospital.findById(id);
        if (h != null && !scope.mayAccess(h)) {
            throw ProblemException.notFound("Hospital " + id);
        }
    }
}
