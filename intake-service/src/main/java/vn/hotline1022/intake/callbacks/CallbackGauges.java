package vn.hotline1022.intake.callbacks;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import vn.hotline1022.intake.geography.AdminUnits;

/**
 * The callback queue as ops see it, per province: {@code hotline_intake_callbacks_waiting} (messages waiting for an
 * agent's callback) and {@code hotline_intake_callbacks_oldest_seconds} (how long the oldest has waited; 0 when none),
 * so that a queue nobody works raises an alert (HotlineCallbacksWaiting). Read from the database, the same on every
 * instance; one query at most every {@link #MAX_AGE}, however often it is scraped.
 */
@ApplicationScoped
public class CallbackGauges {

    private static final Logger LOG = Logger.getLogger(CallbackGauges.class);
    static final Duration MAX_AGE = Duration.ofSeconds(5);
    private static final String QUERY = """
            select province_code, count(*), extract(epoch from now() - min(received_at))
            from callback_request where status = 'PENDING_CALLBACK' group by province_code
            """;

    /** Per province: waiting count and oldest age in seconds. */
    private record Queue(long waiting, double oldestSeconds) {
    }

    private static final Queue EMPTY = new Queue(0, 0);

    @Inject
    MeterRegistry registry;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    AdminUnits units;

    private volatile Map<String, Queue> queues = Map.of();
    private volatile long loadedAtNanos;
    private volatile boolean loaded;

    void onStart(@Observes StartupEvent event) {
        for (AdminUnits.Province p : units.provinces()) {
            Gauge.builder("hotline.intake.callbacks.waiting", this, g -> g.queue(p.code()).waiting())
                    .description("Messages waiting for an agent's callback").tag("province", p.code())
                    .strongReference(true).register(registry);
            Gauge.builder("hotline.intake.callbacks.oldest.seconds", this, g -> g.queue(p.code()).oldestSeconds())
                    .description("How long the oldest message waiting for a callback has waited")
                    .tag("province", p.code()).strongReference(true).register(registry);
        }
    }

    private Queue queue(String province) {
        if (!loaded || System.nanoTime() - loadedAtNanos > MAX_AGE.toNanos()) {
            refresh();
        }
        return queues.getOrDefault(province, EMPTY);
    }

    private synchronized void refresh() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(QUERY)) {
            Map<String, Queue> read = new ConcurrentHashMap<>();
            while (rs.next()) {
                read.put(rs.getString(1), new Queue(rs.getLong(2), rs.getDouble(3)));
            }
            queues = read;
            loadedAtNanos = System.nanoTime();
            loaded = true;
        } catch (SQLException e) {
            LOG.warnf("Callback gauges not refreshed: %s", e.getMessage());
        }
    }
}
