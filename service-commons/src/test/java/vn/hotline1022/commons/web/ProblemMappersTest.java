package vn.hotline1022.commons.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;

import jakarta.ws.rs.core.Response;

import org.junit.jupiter.api.Test;

/** Overload is answered 503 with Retry-After, a data error 400, anything else 500; all as problem+json. */
class ProblemMappersTest {

    private final ProblemMappers mappers = new ProblemMappers();

    @Test
    void noFreeConnectionInTimeIsOverloadNotAFault() {
        // As the outbox's SQL helper wraps Agroal's refusal when every connection stays busy.
        RuntimeException e = new IllegalStateException("sql failed", new SQLException("Sorry, acquisition timeout!"));
        Response r = mappers.unexpected(e);
        assertThat(r.getStatus()).isEqualTo(503);
        assertThat(r.getHeaderString("Retry-After")).isEqualTo("2");
        assertThat(String.valueOf(r.getMediaType())).isEqualTo(Problem.MEDIA_TYPE);
    }

    @Test
    void aValueTheDatabaseRefusesIsTheClientsAndAnythingElseIsOurs() {
        assertThat(mappers.unexpected(new IllegalStateException(new SQLException("out of range", "22003")))
                .getStatus()).isEqualTo(400);
        assertThat(mappers.unexpected(new IllegalStateException(new SQLException("connection reset", "08006")))
                .getStatus()).isEqualTo(500);
    }
}
