package vn.hotline1022.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.OffsetDateTime;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import vn.hotline1022.messaging.sql.Jdbc;
import vn.hotline1022.testkit.KafkaResource;
import vn.hotline1022.testkit.PostgresResource;

/** Plain SQL as services and messaging run it: any instant binds, and a refusal names no value. */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
class JdbcTest {

    @Inject
    Jdbc jdbc;

    @Test
    void instantsBeyondPostgresRangeAreItsInfinities() {
        assertThat(jdbc.first("select ?::timestamptz = '-infinity'", rs -> rs.getBoolean(1), Instant.MIN))
                .contains(true);
        assertThat(jdbc.first("select ?::timestamptz = 'infinity'", rs -> rs.getBoolean(1), Instant.MAX))
                .contains(true);
        Instant now = Instant.parse("2021-07-19T01:02:03.456789Z");
        assertThat(jdbc.first("select ?::timestamptz as at", rs -> Jdbc.instant(rs, "at"), now)).contains(now);
        assertThat(jdbc.first("select 'infinity'::timestamptz as at", rs -> rs.getObject("at", OffsetDateTime.class)))
                .contains(OffsetDateTime.MAX);
    }

    @Test
    void aRefusedWriteNamesTheConstraintButNotTheValue() {
        String phone = "0912345678";
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            jdbc.update("create temporary table jdbc_probe (phone text constraint phone_short check (length(phone) < 5))"
                    + " on commit drop");
            jdbc.update("insert into jdbc_probe (phone) values (?)", phone);
        })).hasStackTraceContaining("constraint phone_short").hasStackTraceContaining("table jdbc_probe")
                .satisfies(e -> assertThat(rootFailure(e).getMessage()).doesNotContain(phone));
    }

    private static Throwable rootFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof Jdbc.SqlFailure) {
                return t;
            }
        }
        throw new AssertionError("no SqlFailure in " + e);
    }
}
