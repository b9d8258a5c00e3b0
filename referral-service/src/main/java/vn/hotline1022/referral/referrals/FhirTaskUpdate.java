package vn.hotline1022.referral.referrals;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;

import vn.hotline1022.events.referral.PatientDischarged;

/**
 * A hospital system answers in its own language: it updates the referral's FHIR R4 {@code Task} (as read from
 * {@code GET /api/v1/referrals/{id}/fhir}) and sends it back. This reads what the update asks for — a pure function of
 * the document, so each mapping is unit-tested — and names the field at fault otherwise.
 *
 * <ul>
 * <li>{@code status = received}: the hospital opened it.</li>
 * <li>{@code status = accepted}: with an {@code output} typed {@code bed} (valueString), and optionally
 * {@code expected-arrival} (valueDateTime).</li>
 * <li>{@code status = rejected}: {@code statusReason.coding[].code} one of NO_BEDS, NO_SPECIALTY, NO_STAFF, OTHER;
 * {@code statusReason.text} the detail (required for OTHER).</li>
 * <li>{@code status = completed}: {@code businessStatus.coding[].code} ADMITTED (the patient is in the bed), or
 * DISCHARGED, TRANSFERRED (with an {@code output} typed {@code transferred-to}: the facility code) or DECEASED, with
 * an optional {@code output} typed {@code discharged-at}; {@code note[0].text} is kept with an admission.</li>
 * <li>{@code status = failed}: the accepted patient was not admitted; {@code note[0].text} says why.</li>
 * </ul>
 */
public final class FhirTaskUpdate {

    /** What the document asks for. */
    public sealed interface Command permits Receive, Accept, Reject, Admit, NotAdmitted, Discharge, Invalid {
    }

    public record Receive() implements Command {
    }

    public record Accept(String bedLabel, Instant expectedArrival) implements Command {
    }

    public record Reject(RejectionReason reason, String detail) implements Command {
    }

    public record Admit(String note) implements Command {
    }

    public record NotAdmitted(String note) implements Command {
    }

    public record Discharge(String disposition, String transferredTo, Instant dischargedAt) implements Command {
    }

    /** The field (a FHIR path) at fault and why. */
    public record Invalid(String field, String message) implements Command {
    }

    private FhirTaskUpdate() {
    }

    public static Command read(JsonNode task, String referralId) {
        if (task == null || !task.isObject()) {
            return new Invalid("resourceType", "phải là một tài nguyên FHIR Task");
        }
        if (!"Task".equals(task.path("resourceType").asText())) {
            return new Invalid("resourceType", "phải là Task");
        }
        if (task.hasNonNull("id") && !referralId.equals(task.path("id").asText())) {
            return new Invalid("id", "không khớp với phiếu chuyển trong đường dẫn");
        }
        String note = text(task.path("note").path(0).path("text"));
        return switch (task.path("status").asText("")) {
            case "received" -> new Receive();
            case "accepted" -> accept(task);
            case "rejected" -> reject(task);
            case "completed" -> completed(task, note);
            case "failed" -> new NotAdmitted(note);
            default -> new Invalid("status", "phải là received, accepted, rejected, completed hoặc failed");
        };
    }

    private static Command accept(JsonNode task) {
        String bed = text(output(task, "bed").path("valueString"));
        if (bed == null || bed.length() > 100) {
            return new Invalid("output[bed].valueString", "cần số giường (tối đa 100 ký tự)");
        }
        JsonNode arrival = output(task, "expected-arrival").path("valueDateTime");
        Instant expected = null;
        if (!arrival.isMissingNode()) {
            expected = instant(arrival);
            if (expected == null) {
                return new Invalid("output[expected-arrival].valueDateTime", "phải là thời điểm ISO-8601 có múi giờ");
            }
        }
        return new Accept(bed, expected);
    }

    private static Command reject(JsonNode task) {
        JsonNode reason = task.path("statusReason");
        RejectionReason found = null;
        for (JsonNode coding : reason.path("coding")) {
            try {
                found = RejectionReason.valueOf(coding.path("code").asText().toUpperCase(Locale.ROOT));
                break;
            } catch (IllegalArgumentException unknown) {
                // another code system's coding: look on
            }
        }
        if (found == null) {
            return new Invalid("statusReason.coding", "cần một mã NO_BEDS, NO_SPECIALTY, NO_STAFF hoặc OTHER");
        }
        String detail = text(reason.path("text"));
        if (found == RejectionReason.OTHER && detail == null) {
            return new Invalid("statusReason.text", "cần ghi lý do khi mã là OTHER");
        }
        if (detail != null && detail.length() > 2000) {
            return new Invalid("statusReason.text", "tối đa 2000 ký tự");
        }
        return new Reject(found, detail);
    }

    private static Command completed(JsonNode task, String note) {
        String code = null;
        for (JsonNode coding : task.path("businessStatus").path("coding")) {
            code = coding.path("code").asText("").toUpperCase(Locale.ROOT);
            break;
        }
        if (code == null || code.isEmpty()) {
            return new Invalid("businessStatus.coding", "cần ADMITTED, DISCHARGED, TRANSFERRED hoặc DECEASED");
        }
        switch (code) {
            case "ADMITTED", "COMPLETED":
                return new Admit(note == null ? null : note.substring(0, Math.min(note.length(), 2000)));
            case PatientDischarged.DISCHARGED, PatientDischarged.TRANSFERRED, PatientDischarged.DECEASED:
                break;
            default:
                return new Invalid("businessStatus.coding", "cần ADMITTED, DISCHARGED, TRANSFERRED hoặc DECEASED");
        }
        String to = text(output(task, "transferred-to").path("valueString"));
        if (to != null && !to.matches("[0-9A-Za-z.-]{1,20}")) {
            return new Invalid("output[transferred-to].valueString", "phải là mã cơ sở khám chữa bệnh");
        }
        JsonNode at = output(task, "discharged-at").path("valueDateTime");
        Instant when = null;
        if (!at.isMissingNode()) {
            when = instant(at);
            if (when == null) {
                return new Invalid("output[discharged-at].valueDateTime", "phải là thời điểm ISO-8601 có múi giờ");
            }
        }
        return new Discharge(code, to, when);
    }

    /** The first {@code output} whose type's text is {@code name}; a missing node when none. */
    private static JsonNode output(JsonNode task, String name) {
        for (JsonNode o : task.path("output")) {
            if (name.equals(o.path("type").path("text").asText())) {
                return o;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    private static String text(JsonNode node) {
        if (!node.isTextual()) {
            return null;
        }
        String s = node.asText().replace("\u0000", "").strip();
        return s.isEmpty() ? null : s;
    }

    private static Instant instant(JsonNode node) {
        if (!node.isTextual()) {
            return null;
        }
        try {
            Instant at = java.time.OffsetDateTime.parse(node.asText()).toInstant();
            return at.getEpochSecond() < 0 || at.getEpochSecond() > 4_102_444_800L ? null : at; // 1970–2100
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
