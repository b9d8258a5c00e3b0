package vn.hotline1022.commons.web;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses text PostgreSQL cannot store before any resource sees it: a NUL character ({@code \u0000}) in the path or a
 * query parameter would otherwise reach the database and fail there as a 500. Bodies get the same rule from
 * {@link JsonInputRules}. One home for the rule, so no resource has to remember it.
 */
public class InputGuard {

    /** Runs before routing, so that a path parameter is checked as well as the query. */
    @ServerRequestFilter(preMatching = true)
    public Response refuseUnstorableText(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (TextRules.problem(path) != null) {
            return refuse("path", TextRules.problem(path));
        }
        for (Map.Entry<String, List<String>> param : request.getUriInfo().getQueryParameters().entrySet()) {
            if (TextRules.problem(param.getKey()) != null) {
                return refuse("query", "has a parameter name that " + TextRules.problem(param.getKey()));
            }
            for (String value : param.getValue()) {
                String problem = TextRules.problem(value);
                if (problem != null) {
                    return refuse(param.getKey(), problem);
                }
            }
        }
        return null;
    }

    private static Response refuse(String field, String message) {
        Problem p = new Problem("about:blank", "Invalid request", 400, "The request has invalid fields", null,
                List.of(new Problem.FieldError(field, message)));
        return Response.status(400).type(Problem.MEDIA_TYPE).entity(p).build();
    }
}
