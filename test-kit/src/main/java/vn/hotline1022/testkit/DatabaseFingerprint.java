package vn.hotline1022.testkit;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import javax.sql.DataSource;

/**
 * A digest of every row of every table of a service's database, to prove that a refused request changed nothing.
 * Tables whose change on a refused request is intended (the audit trail, counts of failed attempts, the migration
 * history) are left out by name, and so is the outbox's {@code published_at}, which its relay sets afterwards.
 */
public final class DatabaseFingerprint implements Supplier<String> {

    private final DataSource dataSource;
    private final Set<String> ignored;

    public DatabaseFingerprint(DataSource dataSource, String... ignoredTables) {
        this.dataSource = dataSource;
        this.ignored = Set.of(ignoredTables);
    }

    @Override
    public String get() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("select table_name from information_schema.tables "
                    + "where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name")) {
                while (rs.next()) {
                    String t = rs.getString(1);
                    if (!ignored.contains(t) && !t.startsWith("flyway_")) {
                        tables.add(t);
                    }
                }
            }
            StringBuilder digest = new StringBuilder();
            for (String t : tables) {
                // The outbox relay marks rows published on its own schedule: that column is not the request's doing.
                String row = "(to_jsonb(x) - 'published_at')::text";
                try (ResultSet rs = s.executeQuery("select count(*), md5(coalesce(string_agg(" + row + ", '|' order by "
                        + row + "), '')) from \"" + t + "\" x")) {
                    rs.next();
                    digest.append(t).append(':').append(rs.getLong(1)).append(':').append(rs.getString(2)).append(' ');
                }
            }
            return digest.toString();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot fingerprint the database", e);
        }
    }
}
