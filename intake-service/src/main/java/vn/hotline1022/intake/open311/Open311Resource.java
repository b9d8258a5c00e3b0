package vn.hotline1022.intake.open311;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.vertx.core.http.HttpServerRequest;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;

import vn.hotline1022.commons.web.ProblemException;
import vn.hotline1022.commons.web.GuessingDoors;
import vn.hotline1022.commons.web.RateLimited;
import vn.hotline1022.intake.cases.CaseCodes;

/**
 * Open311 GeoReport v2 (https://wiki.open311.org/GeoReport_v2), the public API of city service-request systems, in
 * JSON and XML. Reading is open to anyone (limited per client address); a request is filed by a partner app with its API
 * key, or by anyone whose phone then confirms it with the code texted to it.
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
    GuessingDoors doors;

    @Context
    HttpServerRequest request;

    @Inject
    Open311Requests requests;

    @Inject
    PartnerApps partners;

    @Inject
    WebRequests webRequests;

    private static final String UUID_PATTERN = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

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
    @Operation(summary = "File a request. A partner app (api_key): it becomes a case on the channel APP (201); for a"
            + " phone or household with an open case it waits for an agent's callback to that phone instead (202, the"
            + " callback's code), since the app does not prove the phone is the caller's. Without a key (channel"
            + " WEB): 202 with a token; a code is texted to the phone, and the request opens a case only once the code"
            + " comes back (POST tokens/{token}/confirmation.json)")
    public Response submit(@Valid @BeanParam RequestForm form) {
        if (form.api_key == null || form.api_key.isBlank()) {
            // Anyone may ask, and asking texts a code to the phone named: a budget per phone and per client.
            doors.spend("web-request", requests.phoneOf(form), request).ifPresent(wait -> {
            throw ProblemException.tooManyRequests(wait);
        });
            return Response.accepted(List.of(requests.ask(form))).build();
        }
        String partner = partners.identify(form.api_key).orElseThrow(() -> new ProblemException(401,
                "Unknown API key", "The api_key is not a partner app's; leave it out to confirm by phone instead",
                List.of()));
        Open311Requests.Submitted submitted = requests.submit(form, partner);
        return Response.status(submitted.opened() ? 201 : 202).entity(List.of(submitted.answer())).build();
    }

    @POST
    @Path("/tokens/{token}/confirmation.json")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "The code texted to the request's phone: the request opens its case (or joins the caller's"
            + " open case); 400 wrong code, 429 after five wrong codes, 410 after ten minutes")
    public List<Open311Records.Token> confirm(@PathParam("token") @Pattern(regexp = UUID_PATTERN,
            message = "must be the token POST requests.json answered") String token,
            @RestForm @NotBlank @Pattern(regexp = "\\d{6}", message = "must be the 6-digit code") String code) {
        return List.of(new Open311Records.Token(token, webRequests.confirm(UUID.fromString(token), code)));
    }

    @GET
    @Path("/tokens/{token}.json")
    @Operation(summary = "The request id (case code) a token became; null while it waits for its code")
    public List<Open311Records.Token> token(@PathParam("token") @Pattern(regexp = UUID_PATTERN,
            message = "must be the token POST requests.json answered") String token) {
        return List.of(new Open311Records.Token(token, webRequests.caseOf(UUID.fromString(token)).orElse(null)));
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

    // XML, for clients of the specification's other format: the same answers, written by Open311Xml.

    @GET
    @Path("/services.xml")
    @Produces(MediaType.APPLICATION_XML)
    @Operation(summary = "services.json in XML")
    public String servicesXml(@QueryParam("lang") String lang) {
        return Open311Xml.list("services", "service", services(lang));
    }

    @GET
    @Path("/services/{service_code}.xml")
    @Produces(MediaType.APPLICATION_XML)
    @Operation(summary = "services/{service_code}.json in XML")
    public String serviceXml(@PathParam("service_code") String code, @QueryParam("lang") String lang) {
        return Open311Xml.single("service_definition", service(code, lang));
    }

    @GET
    @Path("/requests/{service_request_id}.xml")
    @Produces(MediaType.APPLICATION_XML)
    @Operation(summary = "requests/{service_request_id}.json in XML")
    public String requestXml(@PathParam("service_request_id") @Pattern(regexp = CaseCodes.PATTERN,
            message = "must look like " + CaseCodes.EXAMPLE) String id, @QueryParam("lang") String lang) {
        return Open311Xml.list("service_requests", "request", request(id, lang));
    }

    @GET
    @Path("/requests.xml")
    @Produces(MediaType.APPLICATION_XML)
    @Operation(summary = "requests.json in XML")
    public String listXml(@QueryParam("service_request_id") String ids,
            @QueryParam("service_code") String serviceCode, @QueryParam("status") String status,
            @QueryParam("start_date") String startDate, @QueryParam("end_date") String endDate,
            @QueryParam("lang") String lang) {
        return Open311Xml.list("service_requests", "request", list(ids, serviceCode, status, startDate, endDate,
                lang));
    }

    @POST
    @Path("/requests.xml")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_XML)
    @Operation(summary = "requests.json in XML")
    public Response submitXml(@Valid @BeanParam RequestForm form) {
        Response json = submit(form);
        return Response.status(json.getStatus())
                .entity(Open311Xml.list("service_requests", "request", (List<?>) json.getEntity())).build();
    }

    private static boolean english(String lang) {
        return "en".equalsIgnoreCase(lang);
    }
}
