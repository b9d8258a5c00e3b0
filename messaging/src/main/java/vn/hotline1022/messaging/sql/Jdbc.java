package vn.hotline1022.messaging.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;

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
        java.time.OffsetDateTime at = rs.getObject(column, java.time.OffsetDateTime.class);
        return at == null ? null : at.toInstant();
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... params) throws SQLException {
        PreparedStatement st = c.prepareStatement(sql);
        try {
            for (int i = 0; i < params.length; i++) {
                Object p = params[i];
                if (p instanceof Instant at) {
                    st.setObject(i + 1, at.atOffset(ZoneOffset.UTC));
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

    /** A statement failed; the SQL is named, the values are not (they may be personal data). */
    public static final class SqlFailure extends RuntimeException {
        SqlFailure(String sql, SQLException cause) {
            super(cause.getSQLState() + " on: " + sql.strip().replaceAll("\\s+", " "), cause);
        }
    }
}
