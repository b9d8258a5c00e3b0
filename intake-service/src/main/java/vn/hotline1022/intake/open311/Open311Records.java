package vn.hotline1022.intake.open311;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The answers of the Open311 GeoReport v2 API, with the specification's own (snake_case) field names so that any
 * Open311 client reads them: https://wiki.open311.org/GeoReport_v2. Fields the hotline does not share (the citizen's
 * description, the exact address, coordinates) are present and null, as the specification allows.
 */
public final class Open311Records {

    private Open311Records() {
    }

    /** An entry of {@code GET services.json}: one per need the hotline handles. */
    public record Service(String service_code, String service_name, String description, boolean metadata, String type,
            String keywords, String group) {
    }

    /** {@code GET services/{service_code}.json}: the extra fields a request of this service takes. */
    public record ServiceDefinition(String service_code, List<Attribute> attributes) {
    }

    public record Attribute(boolean variable, String code, String datatype, boolean required,
            String datatype_description, int order, String description, List<Value> values) {
    }

    public record Value(String key, String name) {
    }

    /** The answer to {@code POST requests.json}: the case code is the request's id, to track it. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Created(String service_request_id, String service_notice, String account_id) {
    }

    /**
     * The answer to a request filed without a partner's key: no case yet, a token (the specification's word) until the
     * phone's code confirms it ({@code POST tokens/{token}/confirmation.json}).
     */
    public record Pending(String token, String service_notice) {
    }

    /** {@code GET tokens/{token}.json}: the request's case code once confirmed, null until then. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Token(String token, String service_request_id) {
    }

    /** {@code GET requests.json} and {@code GET requests/{id}.json}: status only, no personal data. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Request(String service_request_id, String status, String status_notes, String service_name,
            String service_code, String description, String agency_responsible, String service_notice,
            String requested_datetime, String updated_datetime, String expected_datetime, String address,
            String address_id, String zipcode, Double lat, @com.fasterxml.jackson.annotation.JsonProperty("long")
            Double long_, String media_url) {
    }
}
