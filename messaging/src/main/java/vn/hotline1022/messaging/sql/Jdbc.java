package vn.hotline1022.messaging.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;

import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Plain SQL on the service's datasource. Inside a transaction the connection is the transaction's own (Agroal enlists
 * it in JTA), so these statements commit or roll back with everything else the transaction did, Hibernate's writes
 * included; messaging needs no ORM, and a service without entities needs none either. Parameters are bound in order:
 * an {@link Instant} as {@code timestamptz}, an enum by its name, {@code byte[]} as {@code bytea}.
 */
@ApplicationScoped
public class Jdbc {

    /** One row of a result, read into a value. */
    @FunctionalInterface
    public interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }

    private static final Instant PG_FIRST = Instant.parse("-4712-01-01T00:00:00Z");
    private static final Instant PG_LAST = Instant.parse("+294275-12-31T23:59:59Z");

    @Inject
    DataSource dataSource;

    /** Rows changed. */
    public int update(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement st = prepare(c, sql, params)) {
            return st.executeUpdate();
        } catch (SQLException e) {
            throw new SqlFailure(sql, e);
        }
    }

    public <T> List<T> query(String sql, RowReader<T> reader, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement st = prepare(c, sql, params);
                ResultSet rs = st.executeQuery()) {
            List<T> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(reader.read(rs));
            }
            return rows;
        } catch (SQLException e) {
            throw new SqlFailure(sql, e);
        }
    }

    public <T> Optional<T> first(String sql, RowReader<T> reader, Object... params) {
        List<T> rows = query(sql, reader, params);
        return rows.isEmpty() ? Optional.empty() : Optional.ofNullable(rows.get(0));
    }

    /** The first column of the first row as a number; 0 without a row. */
    public long number(String sql, Object... params) {
        return first(sql, rs -> rs.getLong(1), params).orElse(0L);
    }

    /** A {@code timestamptz} column; null stays null. */
    public static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime at = rs.getObject(column, OffsetDateTime.class);
        return at == null ? null : at.toInstant();
    }

    /**
     * PostgreSQL keeps 4713 BC to 294276 AD; an instant beyond (a filter's "since the beginning of time") is its
     * {@code -infinity} or {@code infinity}, which the driver writes for {@link OffsetDateTime#MIN}/{@code MAX}.
     */
    static OffsetDateTime timestamptz(Instant at) {
        if (at.isBefore(PG_FIRST)) {
            return OffsetDateTime.MIN;
        }
        if (at.isAfter(PG_LAST)) {
            return OffsetDateTime.MAX;
        }
        return at.atOffset(ZoneOffset.UTC);
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... params) throws SQLException {
        PreparedStatement st = c.prepareStatement(sql);
        try {
            for (int i = 0; i < params.length; i++) {
                Object p = params[i];
                if (p instanceof Instant at) {
                    st.setObject(i + 1, timestamptz(at));
                } else if (p instanceof Enum<?> e) {
                    st.setString(i + 1, e.name());
                } else if (p instanceof byte[] bytes) {
                    st.setBytes(i + 1, bytes);
                } else {
                    st.setObject(i + 1, p);
                }
            }
            return st;
        } catch (SQLException | RuntimeException e) {
            st.close();
            throw e;
        }
    }

    /**
     * A statement failed. Its message names the SQL and what the database refused (constraint, table, column), never a
     * value: PostgreSQL's own message and detail can quote the row, personal data included.
     */
    public static final class SqlFailure extends RuntimeException {
        SqlFailure(String sql, SQLException cause) {
            super(cause.getSQLState() + refused(cause) + " on: " + sql.strip().replaceAll("\\s+", " "), cause);
        }

        private static String refused(SQLException cause) {
            if (!(cause instanceof PSQLException pg) || pg.getServerErrorMessage() == null) {
                return "";
            }
            ServerErrorMessage m = pg.getServerErrorMessage();
            StringBuilder names = new StringBuilder();
            if (m.getConstraint() != null) {
                names.append(" constraint ").append(m.getConstraint());
            }
            if (m.getTable() != null) {
                names.append(" table ").append(m.getTable());
            }
            if (m.getColumn() != null) {
                names.append(" column ").append(m.getColumn());
            }
            return names.toString();
        }
    }
}
