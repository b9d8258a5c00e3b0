package vn.hotline1022.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jboss.logging.Logger;

/**
 * Real PostgreSQL for tests and the local stack, without Docker.
 *
 * <p>By default an embedded server (zonky's PostgreSQL 15 binaries from Maven Central) in a private folder. When the
 * environment variable {@value #URL_ENV} holds an admin JDBC URL (for example
 * {@code jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres}), that server is used instead: faster on machines
 * that already run one, and the same code path CI can take.
 */
public final class PostgresServer {

    public static final String URL_ENV = "HOTLINE_POSTGRES_URL";
    private static final Logger LOG = Logger.getLogger(PostgresServer.class);
    private static PostgresServer shared;

    private final String adminUrl;
    private final EmbeddedPostgres embedded;
    private final List<String> temporaryDatabases = new CopyOnWriteArrayList<>();

    private PostgresServer(String adminUrl, EmbeddedPostgres embedded) {
        this.adminUrl = adminUrl;
        this.embedded = embedded;
    }

    /** One server per JVM for tests: temporary databases are dropped and the embedded server stopped at exit. */
    public static synchronized PostgresServer shared() {
        if (shared == null) {
            String external = System.getenv(URL_ENV);
            Path dir = null;
            if (external != null && !external.isBlank()) {
                shared = external(external);
            } else {
                try {
                    dir = Files.createTempDirectory("hotline-pg-");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                shared = embedded(dir, Ports.free(), true);
            }
            PostgresServer server = shared;
            Path dataDir = dir;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.close();
                Directories.deleteQuietly(dataDir);
            }, "pg-shutdown"));
        }
        return shared;
    }

    public static PostgresServer external(String adminJdbcUrl) {
        LOG.infof("Using the PostgreSQL server at %s", adminJdbcUrl.replaceAll("password=[^&]*", "password=***"));
        return new PostgresServer(adminJdbcUrl, null);
    }

    /** An embedded server keeping its data in {@code dataDir}; with {@code clean} the folder starts empty. */
    public static PostgresServer embedded(Path dataDir, int port, boolean clean) {
        try {
            long started = System.nanoTime();
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(clean)
                    .setPort(port)
                    .setServerConfig("max_connections", "300")
                    // Statement counts and times per database, for ./hotline bench (a few % of overhead).
                    .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                    .setServerConfig("fsync", clean ? "off" : "on")
                    .start();
            LOG.infof("Embedded PostgreSQL up on port %d in %d ms", port, (System.nanoTime() - started) / 1_000_000);
            return new PostgresServer(pg.getJdbcUrl("postgres", "postgres"), pg);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start embedded PostgreSQL", e);
        }
    }

    /** A brand-new database with its own login role, dropped when the JVM exits. */
    public Database createTemporaryDatabase(String prefix) {
        String name = (prefix.replaceAll("[^A-Za-z0-9]", "_") + "_" + UUID.randomUUID().toString().substring(0, 8))
                .toLowerCase(Locale.ROOT);
        Database db = ensureDatabase(name, name);
        temporaryDatabases.add(name);
        return db;
    }

    /**
     * A database and owner role named {@code name}, created if missing and kept otherwise: the local stack's data
     * survives restarts. The password is a local demo value, never used outside this machine.
     */
    public Database ensureDatabase(String name, String password) {
        try (Connection c = DriverManager.getConnection(adminUrl); Statement st = c.createStatement()) {
            if (!exists(st, "select 1 from pg_roles where rolname = '" + name + "'")) {
                st.execute("create role " + name + " login password '" + password + "'");
            }
            if (!exists(st, "select 1 from pg_database where datname = '" + name + "'")) {
                st.execute("create database " + name + " owner " + name);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + name, e);
        }
        return new Database(jdbcUrlFor(name), name, password);
    }

    public void dropDatabase(String name) {
        try (Connection c = DriverManager.getConnection(adminUrl); Statement st = c.createStatement()) {
            st.execute("drop database if exists " + name + " with (force)");
            st.execute("drop role if exists " + name);
        } catch (SQLException e) {
            LOG.warnf("Could not drop database %s: %s", name, e.getMessage());
        }
    }

    public String adminJdbcUrl() {
        return adminUrl;
    }

    public void close() {
        temporaryDatabases.forEach(this::dropDatabase);
        temporaryDatabases.clear();
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                LOG.warn("Embedded PostgreSQL did not stop cleanly", e);
            }
        }
    }

    private String jdbcUrlFor(String database) {
        // Same host and port as the admin URL, other database; credentials are passed separately.
        String base = adminUrl.contains("?") ? adminUrl.substring(0, adminUrl.indexOf('?')) : adminUrl;
        return base.substring(0, base.lastIndexOf('/') + 1) + database;
    }

    private static boolean exists(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            return rs.next();
        }
    }

    /** Where a service finds its own database. */
    public record Database(String jdbcUrl, String username, String password) {
    }
}
