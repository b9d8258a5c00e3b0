package vn.hotline1022.localstack.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What each service's database did during the run, from PostgreSQL's pg_stat_statements (the local stack's embedded
 * server preloads it): statements executed and their execution time per database, and the statements that took most
 * of it. Says where a service's time goes on the database side without a profiler in each service. Absent (an empty
 * result) when the server does not preload the extension.
 */
final class DatabaseWork {

    /** One database's totals, and its costliest statements (text shortened). */
    record Totals(long statements, double execMs, List<String> top) {
    }

    private final String adminJdbcUrl;
    private final boolean available;

    private DatabaseWork(String adminJdbcUrl, boolean available) {
        this.adminJdbcUrl = adminJdbcUrl;
        this.available = available;
    }

    /** Clears the counters so that only the run is counted. */
    static DatabaseWork reset(String adminJdbcUrl) {
        try (Connection c = DriverManager.getConnection(adminJdbcUrl); Statement st = c.createStatement()) {
            st.execute("create extension if not exists pg_stat_statements");
            st.execute("select pg_stat_statements_reset()");
            return new DatabaseWork(adminJdbcUrl, true);
        } catch (SQLException e) {
            return new DatabaseWork(adminJdbcUrl, false); // not preloaded on this server
        }
    }

    /** Per database (the services' own), its totals since {@link #reset}; top: its {@code top} costliest statements. */
    Map<String, Totals> read(List<String> databases, int top) {
        Map<String, Totals> result = new LinkedHashMap<>();
        if (!available) {
            return result;
        }
        try (Connection c = DriverManager.getConnection(adminJdbcUrl)) {
            for (String db : databases) {
                long statements = 0;
                double execMs = 0;
                List<String> costliest = new ArrayList<>();
                try (var ps = c.prepareStatement("""
                        select s.calls, s.total_exec_time, s.query from pg_stat_statements s
                        join pg_database d on d.oid = s.dbid where d.datname = ? order by s.total_exec_time desc""")) {
                    ps.setString(1, db);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            statements += rs.getLong(1);
                            execMs += rs.getDouble(2);
                            if (costliest.size() < top) {
                                costliest.add("%d × %.0f ms: `%s`".formatted(rs.getLong(1), rs.getDouble(2),
                                        shorten(rs.getString(3))));
                            }
                        }
                    }
                }
                result.put(db, new Totals(statements, execMs, costliest));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read pg_stat_statements", e);
        }
        return result;
    }

    private static String shorten(String sql) {
        String one = sql.replaceAll("\\s+", " ").replace("`", "'").strip();
        return one.length() <= 110 ? one : one.substring(0, 107) + "...";
    }
}
