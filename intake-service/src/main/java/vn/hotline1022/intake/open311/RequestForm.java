package vn.hotline1022.intake.open311;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.jboss.resteasy.reactive.RestForm;

import vn.hotline1022.commons.web.VietnamesePhone;

/**
 * {@code POST requests.json} as the specification sends it (form-encoded, its own field names). The ward is
 * {@code address_id}: the official GSO code of the ward (mã phường/xã), the address system the hotline routes by.
 */
public class RequestForm {

    @RestForm
    @Size(max = 200)
    public String api_key;

    @RestForm
    @Size(max = 200)
    public String jurisdiction_id;

    @RestForm
    @NotBlank
    @Size(max = 40)
    public String service_code;

    @RestForm
    @NotBlank
    @Pattern(regexp = "\\d{5}", message = "must be a 5-digit ward code")
    public String address_id;

    @RestForm
    @Size(max = 500)
    public String address_string;

    @RestForm("lat")
    @DecimalMin("-90")
    @DecimalMax("90")
    public Double lat;

    @RestForm("long")
    @DecimalMin("-180")
    @DecimalMax("180")
    public Double longitude;

    @RestForm
    @Size(max = 100)
    public String first_name;

    @RestForm
    @Size(max = 100)
    public String last_name;

    @RestForm
    @NotBlank
    @VietnamesePhone
    public String phone;

    @RestForm
    @Size(max = 200)
    public String email;

    @RestForm
    @Size(max = 2000)
    public String description;

    @RestForm
    @Size(max = 200)
    public String device_id;

    @RestForm
    @Size(max = 200)
    public String account_id;

    @RestForm
    @Size(max = 500)
    public String media_url;

    /** The one service attribute ({@code services/{code}.json}): people in the household, checked where it is read. */
    @RestForm("attribute[household_size]")
    public String household_size;

    @Override
    public String toString() {
        return "RequestForm[service_code=" + service_code + ", address_id=" + address_id + "]"; // no personal data
    }
}
