package vn.hotline1022.referral.referrals;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import vn.hotline1022.events.common.BedType;
import vn.hotline1022.events.common.Severity;
import vn.hotline1022.referral.hospitals.Hospital;

/**
 * One referral as FHIR R4 JSON, for hospital systems: a {@code Bundle} of type collection holding the {@code Task}
 * (this hospital asked to take this patient; its status is the referral's, see {@link Referral.Status#fhir()}) and
 * the {@code ServiceRequest} it fulfils (a bed of a type, with a priority from the severity).
 *
 * <p>The patient is referenced only through the 1022 case (a logical reference by identifier): no name, phone or
 * address ever leaves in this document — the hospital learns them from the transport team. Both resources are
 * addressed by {@code urn:uuid:} full URLs inside the bundle, so every reference resolves within it; the hospital is
 * a logical reference by its facility code (mã cơ sở KCB). The identifier systems are ours ({@code urn:hotline1022:})
 * until the Ministry of Health publishes official ones.
 */
@ApplicationScoped
public class FhirBundle {

    public static final String MEDIA_TYPE = "application/fhir+json";
    static final String FACILITY_CODE_SYSTEM = "urn:hotline1022:sid:facility-code";
    static final String CASE_SYSTEM = "urn:hotline1022:sid:case-id";
    static final String STATUS_SYSTEM = "urn:hotline1022:cs:referral-status";
    static final String REJECTION_SYSTEM = "urn:hotline1022:cs:rejection-reason";
    static final String BED_TYPE_SYSTEM = "urn:hotline1022:cs:bed-type";
    /** RFC 3986 identifiers: the value is the URI itself (urn:uuid:...). */
    static final String URI_SYSTEM = "urn:ietf:rfc:3986";

    @Inject
    ObjectMapper json;

    public String bundle(Referral r, Hospital h) {
        String taskUrl = "urn:uuid:" + r.id;
        String requestUrl = "urn:uuid:" + serviceRequestId(r);
        Map<String, Object> bundle = obj("resourceType", "Bundle", "id", r.id.toString(), "type", "collection",
                "timestamp", time(Instant.now()));
        bundle.put("entry", List.of(
                obj("fullUrl", taskUrl, "resource", task(r, h, requestUrl)),
                obj("fullUrl", requestUrl, "resource", serviceRequest(r, h))));
        try {
            return json.writeValueAsString(bundle);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stable across reads: the ServiceRequest of a referral is always the same resource. */
    static UUID serviceRequestId(Referral r) {
        return UUID.nameUUIDFromBytes(("ServiceRequest/" + r.id).getBytes(StandardCharsets.UTF_8));
    }

    private Map<String, Object> task(Referral r, Hospital h, String requestUrl) {
        Map<String, Object> t = obj("resourceType", "Task", "id", r.id.toString());
        t.put("meta", obj("lastUpdated", time(r.lastModified())));
        t.put("identifier", List.of(obj("system", URI_SYSTEM, "value", "urn:uuid:" + r.id)));
        t.put("basedOn", List.of(obj("reference", requestUrl, "type", "ServiceRequest")));
        t.put("status", r.status.fhir());
        Map<String, Object> statusReason = statusReason(r);
        if (statusReason != null) {
            t.put("statusReason", statusReason);
        }
        // An admitted patient who left: how the stay ended (DISCHARGED, TRANSFERRED, DECEASED), as FhirTaskUpdate reads it.
        String business = r.dischargeDisposition != null ? r.dischargeDisposition : r.status.name();
        t.put("businessStatus", obj("coding", List.of(obj("system", STATUS_SYSTEM, "code", business)),
                "text", business));
        t.put("intent", "order");
        t.put("priority", priority(r.severity));
        t.put("code", obj("coding", List.of(obj("system", "http://hl7.org/fhir/CodeSystem/task-code", "code",
                "fulfill", "display", "Fulfill the focal request"))));
        t.put("focus", obj("reference", requestUrl, "type", "ServiceRequest"));
        t.put("for", subject(r));
        t.put("authoredOn", time(r.referredAt != null ? r.referredAt : r.createdAt));
        t.put("lastModified", time(r.lastModified()));
        t.put("requester", obj("type", "Organization", "display", "Tổng đài 1022"));
        if (h != null) {
            t.put("owner", organisation(h));
        }
        if (r.answerDeadline != null) {
            t.put("restriction", obj("period", obj("start", time(r.referredAt), "end", time(r.answerDeadline))));
        }
        List<Map<String, Object>> output = new ArrayList<>();
        if (r.bedLabel != null) {
            output.add(obj("type", obj("text", "bed"), "valueString", r.bedLabel));
        }
        if (r.expectedArrival != null) {
            output.add(obj("type", obj("text", "expected-arrival"), "valueDateTime", time(r.expectedArrival)));
        }
        if (r.dischargedAt != null) {
            output.add(obj("type", obj("text", "discharged-at"), "valueDateTime", time(r.dischargedAt)));
        }
        if (r.transferredTo != null) {
            output.add(obj("type", obj("text", "transferred-to"), "valueString", r.transferredTo));
        }
        if (!output.isEmpty()) {
            t.put("output", output);
        }
        if (r.admissionNote != null) {
            t.put("note", List.of(obj("text", r.admissionNote)));
        }
        return t;
    }

    private Map<String, Object> serviceRequest(Referral r, Hospital h) {
        Map<String, Object> s = obj("resourceType", "ServiceRequest", "id", serviceRequestId(r).toString());
        s.put("status", switch (r.status) {
            case WAITING, PENDING, RECEIVED, ACCEPTED -> "active";
            case COMPLETED -> "completed";
            case REJECTED, EXPIRED, FAILED -> "revoked"; // this hospital will not do it; the case may go elsewhere
        });
        s.put("intent", "order");
        s.put("category", List.of(obj("text", "Hospital admission (chuyển viện)")));
        s.put("priority", priority(r.severity));
        s.put("code", obj("coding", List.of(obj("system", BED_TYPE_SYSTEM, "code", r.bedType.name())),
                "text", bedText(r.bedType)));
        s.put("subject", subject(r));
        s.put("authoredOn", time(r.createdAt));
        s.put("requester", obj("type", "Organization", "display", "Tổng đài 1022"));
        if (h != null) {
            s.put("performer", List.of(organisation(h)));
        }
        if (r.clinicalSummary != null) {
            s.put("note", List.of(obj("text", r.clinicalSummary)));
        }
        return s;
    }

    private static Map<String, Object> statusReason(Referral r) {
        return switch (r.status) {
            case REJECTED -> {
                Map<String, Object> reason = obj("coding", List.of(obj("system", REJECTION_SYSTEM, "code",
                        r.rejectionReason)));
                reason.put("text", r.rejectionDetail != null ? r.rejectionDetail : r.rejectionReason);
                yield reason;
            }
            case EXPIRED -> obj("text", "No answer by the deadline");
            case FAILED -> obj("text", r.admissionNote != null ? r.admissionNote : "Not admitted");
            default -> null;
        };
    }

    /** A logical reference: the case's patient, by the case id only — never a name or phone. */
    private static Map<String, Object> subject(Referral r) {
        return obj("type", "Patient", "identifier", obj("system", CASE_SYSTEM, "value", r.caseId.toString()),
                "display", "1022 case " + r.caseCode);
    }

    private static Map<String, Object> organisation(Hospital h) {
        return obj("type", "Organization", "identifier", obj("system", FACILITY_CODE_SYSTEM, "value", h.code),
                "display", h.name);
    }

    /** http://hl7.org/fhir/request-priority: critical → stat, severe → urgent, otherwise (or not assessed) routine. */
    static String priority(Severity severity) {
        if (severity == Severity.CRITICAL) {
            return "stat";
        }
        return severity == Severity.SEVERE ? "urgent" : "routine";
    }

    private static String bedText(BedType type) {
        return switch (type) {
            case ICU -> "ICU bed (giường hồi sức tích cực)";
            case OXYGEN -> "Oxygen-supported bed (giường có hỗ trợ oxy)";
            case GENERAL -> "General COVID-19 bed (giường điều trị COVID-19)";
        };
    }

    private static String time(Instant t) {
        return t == null ? null : t.truncatedTo(ChronoUnit.MILLIS).toString();
    }

    /** An ordered JSON object from key/value pairs; null values are left out, as FHIR wants no empty elements. */
    private static Map<String, Object> obj(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            if (kv[i + 1] != null) {
                m.put((String) kv[i], kv[i + 1]);
            }
        }
        return m;
    }
}
