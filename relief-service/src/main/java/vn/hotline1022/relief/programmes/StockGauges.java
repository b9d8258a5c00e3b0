package vn.hotline1022.relief.programmes;

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

/**
 * {@code hotline_relief_stock{programme, province}}: packages on hand per programme, for ops to alert on (e.g. below the
 * low-stock threshold, or 0 while requests wait). Read from the database, not counted here, so that every instance
 * reports the same value; one query for all programmes at most every {@link #MAX_AGE}, however often it is scraped.
 * Programmes created on another instance appear at the next refresh.
 */
@ApplicationScoped
public class StockGauges {

    private static final Logger LOG = Logger.getLogger(StockGauges.class);
    static final Duration MAX_AGE = Duration.ofSeconds(5);

    @Inject
    MeterRegistry registry;

    @Inject
    AgroalDataSource dataSource;

    private final Map<String, Integer> stock = new ConcurrentHashMap<>();
    private volatile long loadedAtNanos;
    private volatile boolean loaded;

    void onStart(@Observes StartupEvent event) {
        refresh();
    }

    /** A programme was created here: its gauge appears at once, with the stock it starts with. */
    public void programmeCreated(String code, String provinceCode, int initialStock) {
        if (stock.putIfAbsent(code, initialStock) == null) {
            register(code, provinceCode);
        }
    }

    double stockOf(String programmeCode) {
        if (!loaded || System.nanoTime() - loadedAtNanos > MAX_AGE.toNanos()) {
            refresh();
        }
        Integer value = stock.get(programmeCode);
        return value == null ? Double.NaN : value;
    }

    synchronized void refresh() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select code, province_code, stock from programme")) {
            while (rs.next()) {
                String code = rs.getString(1);
                if (stock.put(code, rs.getInt(3)) == null) {
                    register(code, rs.getString(2));
                }
            }
            loadedAtNanos = System.nanoTime();
            loaded = true;
        } catch (SQLException e) {
            LOG.warnf("Stock gauges not refreshed: %s", e.getMessage());
        }
    }

    private void register(String code, String provinceCode) {
        Gauge.builder("hotline.relief.stock", this, g -> g.stockOf(code))
                .description("Packages on hand in a relief programme")
                .tag("programme", code)
                .tag("province", provinceCode)
                .strongReference(true)
                .register(registry);
    }
}
