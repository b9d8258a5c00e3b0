package vn.hotline1022.intake.open311;

import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import vn.hotline1022.commons.web.ProblemException;
import vn.hotline1022.commons.web.RateLimited;
import vn.hotline1022.intake.calls.CaseCodes;

/**
 * Open311 GeoReport v2 (https://wiki.open311.org/GeoReport_v2), the public API of city service-request systems, in
 * JSON. Reading is open to anyone (limited per client address); posting a request needs a partner app's API key.
 * Errors are the project's problem+json (status, detail and the offending field by its Open311 name) rather than
 * the specification's {@code [{code, description}]} list, which cannot be both. {@code lang=en} answers in English.
 */
@Path("/open311/v2")
@Tag(name = "Open311")
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
@RateLimited
public class Open311Resource {

    @Inject
    Open311Requests requests;

    @Inject
    PartnerApps partners;

    @GET
    @Path("/services.json")
    @Operation(summary = "The needs the hotline takes requests for, Vietnamese first")
    public List<Open311Records.Service> services(@QueryParam("lang") String lang) {
        return Services.all(english(lang));
    }

    @GET
    @Path("/services/{service_code}.json")
    @Operation(summary = "The attributes a request of this service takes (the household's size)")
    public Open311Records.ServiceDefinition service(@PathParam("service_code") String code,
            @QueryParam("lang") String lang) {
        return Services.definition(code, english(lang));
    }

    @POST
    @Path("/requests.json")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "A partner app files a request (api_key): it becomes a case on the channel APP, or joins the"
            + " open case of the same phone or household. 201 for a new case, 200 when joined")
    public Response submit(@Valid @BeanParam RequestForm form) {
        String partner = partners.identify(form.api_key).orElseThrow(() -> new ProblemException(401,
                "API key required", "Posting a request needs a partner app's api_key", List.of()));
        Open311Requests.Submitted submitted = requests.submit(form, partner);
        return Response.status(submitted.opened() ? 201 : 200).entity(List.of(submitted.answer())).build();
    }

    @GET
    @Path("/requests/{service_request_id}.json")
    @Operation(summary = "One request's status, without personal data")
    public List<Open311Records.Request> request(@PathParam("service_request_id") @Pattern(regexp = CaseCodes.PATTERN,
            message = "must look like " + CaseCodes.EXAMPLE) String id, @QueryParam("lang") String lang) {
        return List.of(requests.one(id, english(lang)));
    }

    @GET
    @Path("/requests.json")
    @Operation(summary = "Requests filed through Open311, newest first (at most 1000, 90 days), without personal data")
    public List<Open311Records.Request> list(@QueryParam("service_request_id") String ids,
            @QueryParam("service_code") String serviceCode, @QueryParam("status") String status,
            @QueryParam("start_date") String startDate, @QueryParam("end_date") String endDate,
            @QueryParam("lang") String lang) {
        return requests.list(ids, serviceCode, status, startDate, endDate, english(lang));
    }

    private static boolean english(String lang) {
        return "en".equalsIgnoreCase(lang);
    }
}
