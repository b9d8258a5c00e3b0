package vn.hotline1022.messaging.outbox;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import vn.hotline1022.messaging.MessagingConfig;

/**
 * Shows ops how far the outbox is behind. Kafka being away does not make the service unready: calls are still
 * accepted and their events wait in the table. Only a relay that should run and does not is reported down.
 */
@Readiness
@ApplicationScoped
public class OutboxHealthCheck implements HealthCheck {

    @Inject
    OutboxRelay relay;

    @Inject
    MessagingConfig config;

    @Inject
    DataSource dataSource;

    @Override
    public HealthCheckResponse call() {
        boolean relayOk = !config.outbox().relayEnabled() || relay.isRunning();
        HealthCheckResponseBuilder b = HealthCheckResponse.named("outbox").status(relayOk)
                .withData("relay", config.outbox().relayEnabled() ? (relay.isRunning() ? "running" : "stopped") : "off");
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("select count(*), coalesce(extract(epoch from now() - min(created_at)), 0)"
                        + " from messaging_outbox where published_at is null")) {
            rs.next();
            b.withData("pending", rs.getLong(1)).withData("oldestPendingSeconds", (long) rs.getDouble(2));
        } catch (SQLException e) {
            b.withData("pending", "unknown: " + e.getClass().getSimpleName());
        }
        Exception failure = relay.lastFailure();
        if (failure != null) {
            b.withData("lastError", failure.getClass().getSimpleName());
        }
        return b.build();
    }
}
