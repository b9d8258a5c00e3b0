package vn.hotline1022.commons.web;

import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkus.hibernate.validator.runtime.jaxrs.ResteasyReactiveViolationException;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.JsonMappingException;

/** Every failure a client can cause becomes a problem+json 4xx, never a 500 with a stack trace. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        Response r = respond(e.toProblem());
        return e.retryAfterSeconds() == null ? r
                : Response.fromResponse(r).header("Retry-After", e.retryAfterSeconds()).build();
    }

    /** Quarkus raises this subtype for invalid parameters; mapping it here takes precedence over its own format. */
    @ServerExceptionMapper
    public Response invalidParameters(ResteasyReactiveViolationException e) {
        return invalid(e);
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldName(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .collect(Collectors.toList());
        return respond(new Problem("about:blank", "Invalid request", 400, "The request has invalid fields", null,
                errors));
    }

    /** Quarkus maps these subtypes itself; naming them here makes ours the most specific mapper. */
    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e) {
        return unreadable(e);
    }

    @ServerExceptionMapper
    public Response malformed(JsonParseException e) {
        return unreadable(e);
    }

    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e) {
        String field = e instanceof JsonMappingException m ? m.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[") : "";
        String message = e instanceof RejectedValueException r ? r.getOriginalMessage() : "has a wrong type or value";
        List<Problem.FieldError> errors = field.isEmpty() ? List.of()
                : List.of(new Problem.FieldError(field, message));
        return respond(new Problem("about:blank", "Unreadable request body", 400,
                "The body is not valid JSON for this request", null, errors));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return e.getResponse();
        }
        // A 4xx raised by the framework (e.g. unknown enum value in a query parameter): keep its status.
        Throwable cause = e.getCause() instanceof JsonProcessingException j ? j : null;
        if (cause != null) {
            return unreadable((JsonProcessingException) cause);
        }
        return respond(Problem.of(status, e.getResponse().getStatusInfo().getReasonPhrase(), e.getMessage()));
    }

    /**
     * The last line of defence: a value that passed validation but that PostgreSQL refuses as data (SQL state class
     * 22: out of range, untranslatable character, datetime overflow) is the client's doing, so 400, and the
     * transaction has rolled back. No free database connection in time is overload: 503 with Retry-After. Anything
     * else is ours: a 500 problem without internals.
     */
    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("22")) {
                // The database's message can quote the value, which may be personal data: log only the state.
                LOG.warnf("A request's value was refused by the database (SQL state %s)", sql.getSQLState());
                return respond(new Problem("about:blank", "Invalid request", 400,
                        "A value is out of range or holds characters that cannot be stored", null, List.of()));
            }
        }
        if (poolExhausted(e)) {
            // Overload, not a fault: the client (the console keeps the call as a draft) may try again shortly.
            LOG.warn("No database connection free in time: answering 503");
            return Response.fromResponse(respond(Problem.of(503, "Service busy",
                    "Too many requests at once; nothing was changed. Try again in a moment"))).header("Retry-After", "2")
                    .build();
        }
        LOG.error("Unexpected failure while handling a request", e);
        return respond(Problem.of(500, "Internal error", "The request could not be completed; nothing was changed"));
    }

    /**
     * Every connection of the pool stayed busy past its acquisition timeout (Agroal's "Sorry, acquisition timeout!",
     * or a driver's transient connection failure).
     */
    static boolean poolExhausted(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.sql.SQLTransientConnectionException
                    || t instanceof SQLException sql && sql.getMessage() != null
                            && sql.getMessage().startsWith("Sorry, acquisition timeout")) {
                return true;
            }
        }
        return false;
    }

    private static Response respond(Problem p) {
        return Response.status(p.status()).type(Problem.MEDIA_TYPE).entity(p).build();
    }

    /** "create.request.wardCode" becomes "wardCode": the client knows nothing of our method names. */
    static String fieldName(ConstraintViolation<?> v) {
        String path = v.getPropertyPath().toString().replace(".<list element>", "").replace(".<iterable element>", "");
        int skip = 0;
        String lastName = "";
        for (Path.Node n : v.getPropertyPath()) {
            if (n.getKind() == ElementKind.METHOD || n.getKind() == ElementKind.PARAMETER) {
                skip++;
                lastName = n.getName();
            } else {
                break;
            }
        }
        String[] parts = path.split("\\.", skip + 1);
        return parts.length > skip ? parts[skip] : lastName;
    }
}
