package vn.hotline1022.commons.web;

import java.util.List;

/** Thrown by services for a 4xx answer with a clear reason; changes nothing (the transaction rolls back). */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String title;
    private final List<Problem.FieldError> errors;
    private Long retryAfterSeconds;

    public ProblemException(int status, String title, String detail, List<Problem.FieldError> errors) {
        super(detail);
        this.status = status;
        this.title = title;
        this.errors = List.copyOf(errors);
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(404, "Not found", what + " does not exist", List.of());
    }

    /** 403: signed in with the right role, but the token's scope claims do not reach this (e.g. an empty area). */
    public static ProblemException forbidden(String detail) {
        return new ProblemException(403, "Forbidden", detail, List.of());
    }

    /** 409: the request is valid but not in the resource's current state, e.g. completing an unassigned team. */
    public static ProblemException conflict(String detail) {
        return new ProblemException(409, "Conflict with the current state", detail, List.of());
    }

    /** 503: a system this request needs (the broker) is unreachable; nothing was changed, try again later. */
    public static ProblemException unavailable(String detail) {
        return new ProblemException(503, "Service unavailable", detail, List.of());
    }

    /** 429 with Retry-After: a budget is spent; nothing was looked at or changed. */
    public static ProblemException tooManyRequests(long retryAfterSeconds) {
        ProblemException e = new ProblemException(429, "Too many requests", "Too many attempts; try again in "
                + retryAfterSeconds + " s", List.of());
        e.retryAfterSeconds = retryAfterSeconds;
        return e;
    }

    public static ProblemException invalidField(String field, String message) {
        return new ProblemException(400, "Invalid request", "The request has invalid fields",
                List.of(new Problem.FieldError(field, message)));
    }

    public Problem toProblem() {
        return new Problem("about:blank", title, status, getMessage(), null, errors);
    }

    /** Seconds the client should wait before trying again; null when the answer says nothing about it. */
    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public int status() {
        return status;
    }
}
