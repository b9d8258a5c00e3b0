package vn.hotline1022.referral.referrals;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import vn.hotline1022.commons.security.CurrentUser;
import vn.hotline1022.commons.security.Roles;
import vn.hotline1022.messaging.audit.PersonalDataReads;
import vn.hotline1022.commons.web.ProblemException;
import vn.hotline1022.events.common.BedType;
import vn.hotline1022.events.common.Severity;
import vn.hotline1022.referral.hospitals.Hospital;
import vn.hotline1022.referral.hospitals.HospitalScope;

/** Hospitals answer referrals here; the console follows them. Designed so a hospital sees only its own (hospitalId). */
@Path("/api/v1/referrals")
@Tag(name = "Referrals")
public class ReferralResource {

    @Inject
    CurrentUser user;

    @Inject
    PersonalDataReads reads;

    @Inject
    HospitalScope scope;

    @Inject
    Referrer referrer;

    @Inject
    Admissions admissions;

    @Inject
    FhirBundle fhir;

    @Inject
    Discharges discharges;

    @Inject
    com.fasterxml.jackson.databind.ObjectMapper json;

    /**
     * @param fhirStatus the FHIR R4 Task status the referral's status maps to
     * @param severity null until a field team assessed the patient (a referral opened by the call has none)
     * @param clinicalSummary the team's measurements, or the call's notes; null when neither said anything
     * @param provinceCode where the case is (the hospital's page compares its district with its own)
     * @param districtCode where the case is
     * @param priority intake's priority when known
     * @param openedBy which event asked for the bed: CallReceived, CaseNeedsChanged or DispatchCompleted
     * @param hospitalProvinceCode where the hospital asked is (null while WAITING): with the case's district, the
     *        hospital's page shows how far the patient is, even to a user who sees several hospitals
     * @param hospitalDistrictCode where the hospital asked is (null while WAITING)
     */
    public record ReferralView(UUID id, UUID caseId, String caseCode, Referral.Status status, String fhirStatus,
            UUID hospitalId, String hospitalName, Integer attempt, BedType bedType, Severity severity,
            String clinicalSummary, Instant createdAt, Instant referredAt, Instant answerDeadline, Instant receivedAt,
            Instant answeredAt, String bedLabel, Instant expectedArrival, String rejectionReason,
            String rejectionDetail, Instant closedAt, String admissionNote, String provinceCode, String districtCode,
            Integer priority, String openedBy, String hospitalProvinceCode, String hospitalDistrictCode,
            Instant dischargedAt, String dischargeDisposition, String transferredTo, String routingReason) {
        static ReferralView of(Referral r, Hospital h) {
            return new ReferralView(r.id, r.caseId, r.caseCode, r.status, r.status.fhir(), r.hospitalId,
                    h == null ? null : h.name, r.attempt, r.bedType, r.severity, r.clinicalSummary, r.createdAt,
                    r.referredAt, r.answerDeadline, r.receivedAt, r.answeredAt, r.bedLabel, r.expectedArrival,
                    r.rejectionReason, r.rejectionDetail, r.closedAt, r.admissionNote, r.provinceCode, r.districtCode,
                    r.priority, r.openedBy, h == null ? null : h.provinceCode, h == null ? null : h.districtCode,
                    r.dischargedAt, r.dischargeDisposition, r.transferredTo, r.routingReason);
        }
    }

    /** @param admitted whether the patient was admitted; {@code note} says why not, or anything the hospital adds */
    public record Admission(@NotNull Boolean admitted, @Size(max = 2000) String note) {
    }

    /** @param expectedArrival when the hospital expects the patient, if it says */
    public record Acceptance(@NotBlank @Size(max = 100) String bedLabel, Instant expectedArrival) {
    }

    /**
     * @param disposition   DISCHARGED (home), TRANSFERRED (to another hospital) or DECEASED
     * @param transferredTo the receiving hospital's facility code; required for a transfer
     * @param dischargedAt  when the patient left; now when not given
     */
    public record Discharge(@NotNull(message = "chọn hình thức ra viện") @Pattern(
            regexp = "DISCHARGED|TRANSFERRED|DECEASED", message = "phải là DISCHARGED, TRANSFERRED hoặc DECEASED")
            String disposition,
            @Pattern(regexp = "[0-9A-Za-z.-]{1,20}", message = "phải là mã cơ sở khám chữa bệnh") String transferredTo,
            Instant dischargedAt) {
    }

    /** @param detail free text for the compliance report; required when the reason is OTHER */
    public record Rejection(@NotNull RejectionReason reason, @Size(max = 2000) String detail) {
    }

    @GET
    @RolesAllowed({ Roles.CALL_AGENT, Roles.DISPATCHER, Roles.HOSPITAL_STAFF, Roles.OPS, Roles.ADMIN })
    public List<ReferralView> list(@QueryParam("caseId") UUID caseId, @QueryParam("hospitalId") UUID hospitalId,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(100_000) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(100) int size) {
        StringBuilder query = new StringBuilder("1 = 1");
        Parameters params = new Parameters();
        if (caseId != null) {
            query.append(" and caseId = :caseId");
            params.and("caseId", caseId);
        }
        if (hospitalId != null) {
            query.append(" and hospitalId = :hospitalId");
            params.and("hospitalId", hospitalId);
        }
        if (scope.restrictedTo().isPresent()) {
            query.append(" and hospitalId = :ownHospital");
            params.and("ownHospital", scope.restrictedTo().get());
        } else {
            query.append(" and ").append(scope.area().queryCondition("provinceCode", "districtCode"));
            scope.area().queryParameters().forEach(params::and);
        }
        // A case's few referrals in the order they were made; everything else newest first.
        Sort order = caseId != null ? Sort.by("createdAt").and("id") : Sort.by("createdAt").descending().and("id");
        List<Referral> found = Referral.find(query.toString(), order, params).page(Page.of(page, size)).list();
        Map<UUID, Hospital> hospitals = new HashMap<>();
        // The patient's summary is health data: each case shown is recorded against the reader.
        Map<UUID, String> shown = new HashMap<>();
        found.forEach(r -> shown.put(r.caseId, r.caseCode));
        reads.recordEach(user.username(), "REFERRAL", shown, "list");
        return found.stream().map(r -> ReferralView.of(r, hospital(r.hospitalId, hospitals))).toList();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.CALL_AGENT, Roles.DISPATCHER, Roles.HOSPITAL_STAFF, Roles.OPS, Roles.ADMIN })
    public ReferralView get(@PathParam("id") UUID id) {
        Referral r = Referral.findById(id);
        if (r == null || !scope.mayReach(r.hospitalId, r.provinceCode, r.districtCode)) {
            throw ProblemException.notFound("Referral " + id);
        }
        reads.record(user.username(), "REFERRAL", r.caseId, r.caseCode, "read");
        return view(r);
    }

    /** FHIR R4 JSON (a Bundle of the Task and its ServiceRequest) for hospital systems; same access as the plain read. */
    @GET
    @Path("/{id}/fhir")
    @Produces({ FhirBundle.MEDIA_TYPE, MediaType.APPLICATION_JSON })
    @RolesAllowed({ Roles.CALL_AGENT, Roles.DISPATCHER, Roles.HOSPITAL_STAFF, Roles.OPS, Roles.ADMIN })
    public Response fhir(@PathParam("id") UUID id) {
        Referral r = Referral.findById(id);
        if (r == null || !scope.mayReach(r.hospitalId, r.provinceCode, r.districtCode)) {
            throw ProblemException.notFound("Referral " + id);
        }
        Hospital h = r.hospitalId == null ? null : Hospital.findById(r.hospitalId);
        return Response.ok(fhir.bundle(r, h)).type(FhirBundle.MEDIA_TYPE).build();
    }

    /** The hospital opened the referral (FHIR "received"); its deadline still runs. Repeating it is harmless. */
    @POST
    @Path("/{id}/receipt")
    @RolesAllowed({ Roles.HOSPITAL_STAFF, Roles.ADMIN })
    public ReferralView receive(@PathParam("id") UUID id) {
        checkOwnHospital(id);
        Referral r = referrer.receive(id);
        return view(r);
    }

    /**
     * The admission outcome closes an accepted referral: completed (admitted; PatientAdmitted) or failed (not
     * admitted). A handover by 1022's transport team records the admission by itself.
     */
    @POST
    @Path("/{id}/admission")
    @RolesAllowed({ Roles.HOSPITAL_STAFF, Roles.ADMIN })
    public ReferralView admission(@PathParam("id") UUID id, @Valid @NotNull Admission request) {
        checkOwnHospital(id);
        String note = blankToNull(request.note());
        Referral r = admissions.recordAdmission(id, request.admitted(), note);
        return view(r);
    }

    @POST
    @Path("/{id}/acceptance")
    @RolesAllowed({ Roles.HOSPITAL_STAFF, Roles.ADMIN })
    public ReferralView accept(@PathParam("id") UUID id, @Valid @NotNull Acceptance request) {
        checkOwnHospital(id);
        Referral r = referrer.accept(id, request.bedLabel().strip(), request.expectedArrival());
        return view(r);
    }

    @POST
    @Path("/{id}/rejection")
    @RolesAllowed({ Roles.HOSPITAL_STAFF, Roles.ADMIN })
    public ReferralView reject(@PathParam("id") UUID id, @Valid @NotNull Rejection request) {
        checkOwnHospital(id);
        String detail = blankToNull(request.detail());
        if (request.reason() == RejectionReason.OTHER && detail == null) {
            throw ProblemException.invalidField("detail", "required when the reason is OTHER");
        }
        Referral r = referrer.reject(id, request.reason(), detail);
        return view(r);
    }

    /**
     * The admitted patient left the hospital: discharged, transferred or deceased (PatientDischarged, once); the bed is
     * free again. 409 unless the referral is completed and not yet discharged.
     */
    @POST
    @Path("/{id}/discharge")
    @RolesAllowed({ Roles.HOSPITAL_STAFF, Roles.ADMIN })
    public ReferralView discharge(@PathParam("id") UUID id, @Valid @NotNull Discharge request) {
        checkOwnHospital(id);
        return answer(id, discharges.discharge(id, request.disposition(), request.transferredTo(),
                request.dischargedAt()));
    }

    /**
     * A hospital system updates the referral's FHIR R4 Task (status and businessStatus, see {@link FhirTaskUpdate}):
     * received, accepted (with the bed), rejected (with the reason), completed (admitted, discharged, transferred,
     * deceased) or failed (not admitted). Answers the referral as FHIR again.
     */
    @PUT
    @Path("/{id}/fhir")
    @Consumes({ FhirBundle.MEDIA_TYPE, MediaType.APPLICATION_JSON })
    @Produces({ FhirBundle.MEDIA_TYPE, MediaType.APPLICATION_JSON })
    @RolesAllowed({ Roles.HOSPITAL_STAFF, Roles.ADMIN })
    public Response updateTask(@PathParam("id") UUID id, @NotNull String task) {
        checkOwnHospital(id);
        com.fasterxml.jackson.databind.JsonNode document;
        try {
            document = json.readTree(task);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw ProblemException.invalidField("resourceType", "không đọc được JSON của tài nguyên Task");
        }
        FhirTaskUpdate.Command command = FhirTaskUpdate.read(document, id.toString());
        Referral r;
        if (command instanceof FhirTaskUpdate.Invalid invalid) {
            throw ProblemException.invalidField(invalid.field(), invalid.message());
        } else if (command instanceof FhirTaskUpdate.Receive) {
            r = referrer.receive(id);
        } else if (command instanceof FhirTaskUpdate.Accept accept) {
            r = referrer.accept(id, accept.bedLabel(), accept.expectedArrival());
        } else if (command instanceof FhirTaskUpdate.Reject reject) {
            r = referrer.reject(id, reject.reason(), reject.detail());
        } else if (command instanceof FhirTaskUpdate.Admit admit) {
            r = admissions.recordAdmission(id, true, admit.note());
        } else if (command instanceof FhirTaskUpdate.NotAdmitted notAdmitted) {
            r = admissions.recordAdmission(id, false, notAdmitted.note());
        } else {
            FhirTaskUpdate.Discharge d = (FhirTaskUpdate.Discharge) command;
            Discharges.Result result = discharges.discharge(id, d.disposition(), d.transferredTo(), d.dischargedAt());
            answer(id, result); // a refusal is thrown as its problem
            r = ((Discharges.Done) result).referral();
        }
        Hospital h = r.hospitalId == null ? null : Hospital.findById(r.hospitalId);
        return Response.ok(fhir.bundle(r, h)).type(FhirBundle.MEDIA_TYPE).build();
    }

    private static ReferralView answer(UUID id, Discharges.Result result) {
        if (result instanceof Discharges.Done done) {
            return view(done.referral());
        }
        if (result instanceof Discharges.Refused refused) {
            throw refused.field() == null ? ProblemException.conflict(refused.reason())
                    : ProblemException.invalidField(refused.field(), refused.reason());
        }
        throw ProblemException.notFound("Referral " + id);
    }

    private static ReferralView view(Referral r) {
        return ReferralView.of(r, hospital(r.hospitalId, new HashMap<>()));
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    /** Only the hospital asked may answer; to any other, the referral does not exist. */
    private void checkOwnHospital(UUID referralId) {
        Referral r = Referral.findById(referralId);
        if (r != null && !scope.mayReach(r.hospitalId, r.provinceCode, r.districtCode)) {
            throw ProblemException.notFound("Referral " + referralId);
        }
    }

    /** The referral's hospital, read once per list (its name and district go into each view). */
    private static Hospital hospital(UUID hospitalId, Map<UUID, Hospital> cache) {
        if (hospitalId == null) {
            return null;
        }
        return cache.computeIfAbsent(hospitalId, id -> Hospital.<Hospital> findById(id));
    }
}
