package vn.hotline1022.testkit;

import vn.hotline1022.infra.PostgresServer;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Gives each Quarkus application under test a fresh database (with its own role) on the JVM-wide
 * {@link PostgresServer}; Dev Services are off because they need Docker.
 */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

    private String prefix = "test";

    @Override
    public void init(Map<String, String> initArgs) {
        prefix = initArgs.getOrDefault("database-prefix", prefix);
    }

    @Override
    public Map<String, String> start() {
        PostgresServer.Database db = PostgresServer.shared().createTemporaryDatabase(prefix);
        return Map.of(
                "quarkus.datasource.jdbc.url", db.jdbcUrl(),
                "quarkus.datasource.username", db.username(),
                "quarkus.datasource.password", db.password(),
                "quarkus.datasource.devservices.enabled", "false");
    }

    @Override
    public void stop() {
        // Dropped with the server at JVM exit, after the application has closed its connections.
    }
}
