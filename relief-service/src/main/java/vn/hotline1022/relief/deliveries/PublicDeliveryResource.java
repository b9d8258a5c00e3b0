package vn.hotline1022.relief.deliveries;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.annotation.security.PermitAll;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import vn.hotline1022.commons.web.RateLimited;
import vn.hotline1022.relief.households.Household;
import vn.hotline1022.relief.programmes.Programme;

/**
 * The public list (công khai) of a ward's relief: who got what is checked by neighbours, so nobody is paid twice. It
 * shows no name, no phone and no case: only a masked household reference.
 */
@Path("/api/v1/public/deliveries")
@Tag(name = "Transparency")
public class PublicDeliveryResource {

    static final String CSV = "text/csv";
    static final MediaType CSV_TYPE = MediaType.valueOf(CSV);

    public record PublicDelivery(String wardCode, String programmeCode, String programmeName, String status,
            String household, Instant requestedAt, Instant scheduledAt, Instant expectedBy, Instant deliveredAt) {
    }

    /**
     * Waiting, scheduled and delivered packages of the ward, newest first; refusals are not deliveries. As CSV when
     * the client asks for text/csv (the ward's notice board, spreadsheets), else JSON.
     */
    @GET
    @PermitAll // the point of the list: anyone in the ward can check it, no sign-in
    @RateLimited
    @Produces({ MediaType.APPLICATION_JSON, CSV })
    public Response list(
            @QueryParam("wardCode") @NotNull @Pattern(regexp = "\\d{5}", message = "must be a 5-digit ward code") String wardCode,
            @QueryParam("limit") @DefaultValue("200") @Min(1) @Max(1000) int limit,
            @Context HttpHeaders headers) {
        List<PublicDelivery> found = find(wardCode, limit);
        boolean csv = headers.getAcceptableMediaTypes().stream()
                .anyMatch(m -> !m.isWildcardType() && !m.isWildcardSubtype() && m.isCompatible(CSV_TYPE));
        if (!csv) {
            return Response.ok(found, MediaType.APPLICATION_JSON_TYPE).build();
        }
        StringBuilder out = new StringBuilder("\uFEFF"); // BOM: spreadsheets then read the Vietnamese right
        out.append("ward_code,programme_code,programme_name,status,household,requested_at,scheduled_at,expected_by,"
                + "delivered_at\r\n");
        for (PublicDelivery d : found) {
            out.append(String.join(",", cell(d.wardCode()), cell(d.programmeCode()), cell(d.programmeName()),
                    cell(d.status()), cell(d.household()), cell(d.requestedAt()), cell(d.scheduledAt()),
                    cell(d.expectedBy()), cell(d.deliveredAt()))).append("\r\n");
        }
        return Response.ok(out.toString(), CSV + "; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"relief-" + wardCode + ".csv\"").build();
    }

    /** RFC 4180 quoting; a leading = + - @ is defused so that a spreadsheet never runs a name as a formula. */
    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String s = value.toString();
        if (!s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) {
            s = "'" + s;
        }
        boolean quote = s.chars().anyMatch(c -> c == '"' || c == ',' || c == '\r' || c == '\n');
        return quote ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    private static List<PublicDelivery> find(String wardCode, int limit) {
        List<Delivery> found = Delivery.<Delivery> find("wardCode = ?1 and status in ?2 order by requestedAt desc",
                wardCode, List.of(Delivery.Status.WAITING, Delivery.Status.SCHEDULED, Delivery.Status.DELIVERED))
                .page(0, limit).list();
        List<String> codes = found.stream().map(d -> d.programmeCode).distinct().toList();
        Map<String, String> names = codes.isEmpty() ? Map.of()
                : Programme.<Programme> list("code in ?1", codes).stream()
                        .collect(Collectors.toMap(p -> p.code, p -> p.name));
        return found.stream().map(d -> new PublicDelivery(d.wardCode, d.programmeCode, names.get(d.programmeCode),
                d.status.name(), Household.maskedReference(d.householdId), d.requestedAt, d.scheduledAt, d.expectedBy,
                d.deliveredAt)).toList();
    }
}
