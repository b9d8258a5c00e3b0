package vn.hotline1022.localstack;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import vn.hotline1022.infra.Directories;
import vn.hotline1022.infra.KafkaBroker;
import vn.hotline1022.infra.PostgresServer;

/**
 * The whole system on one machine, no Docker: a Kafka broker (KRaft) and PostgreSQL in this JVM, Keycloak (the identity
 * provider) and every service as their own processes, each service with its own database, logs in one folder. Used by
 * {@code ./hotline run} and by the end-to-end tests.
 */
public final class LocalStack implements AutoCloseable {

    /** The services in start order, with their default ports (README's API overview uses the same). */
    public static final Map<String, Integer> SERVICES = servicePorts(8081);
    /** Watches the others: told where they listen. */
    static final String OPS_SERVICE = "ops-service";
    /** ops-service keeps little in memory (the latest sample; history is in its database). */
    static final int OPS_HEAP_MB = 128;

    /**
     * Where and how to run.
     *
     * @param projectRoot the checkout: services are started from {@code <service>/target/quarkus-app}
     * @param home        data and logs ({@code kafka/}, {@code postgres/}, {@code logs/})
     * @param reset       start from empty data
     * @param ports       HTTP port per service name
     * @param keycloak     start Keycloak with {@code identity/realm-hotline1022.json} and point the services at it
     * @param keycloakPort its HTTP port; the token issuer is {@code http://localhost:<port>/realms/hotline1022}
     * @param consolePort  the call console's HTTP port; 0: no console (it needs Keycloak to sign agents in)
     */
    public record Options(Path projectRoot, Path home, boolean reset, int kafkaPort, int kafkaControllerPort,
            int postgresPort, Map<String, Integer> ports, int partitions, Map<String, String> extraEnv,
            PrintStream out, boolean keycloak, int keycloakPort, int consolePort) {

        /** Without Keycloak (the shape from before it); {@link #withKeycloak(int)} adds it. */
        public Options(Path projectRoot, Path home, boolean reset, int kafkaPort, int kafkaControllerPort,
                int postgresPort, Map<String, Integer> ports, int partitions, Map<String, String> extraEnv,
                PrintStream out) {
            this(projectRoot, home, reset, kafkaPort, kafkaControllerPort, postgresPort, ports, partitions, extraEnv,
                    out, false, 0, 0);
        }

        public static Options defaults(Path projectRoot, boolean reset) {
            return new Options(projectRoot, projectRoot.resolve(".hotline"), reset, 9092, 9093, 15432, SERVICES, 12,
                    Map.of(), System.out, true, 8180, CONSOLE_PORT);
        }

        public Options withKeycloak(int port) {
            return new Options(projectRoot, home, reset, kafkaPort, kafkaControllerPort, postgresPort, ports,
                    partitions, extraEnv, out, true, port, consolePort);
        }

        /** Keycloak, and the call console on {@code consolePort} signing agents in with it. */
        public Options withKeycloakAndConsole(int keycloakPort, int consolePort) {
            return new Options(projectRoot, home, reset, kafkaPort, kafkaControllerPort, postgresPort, ports,
                    partitions, extraEnv, out, true, keycloakPort, consolePort);
        }

        public Options withoutKeycloak() {
            return new Options(projectRoot, home, reset, kafkaPort, kafkaControllerPort, postgresPort, ports,
                    partitions, extraEnv, out, false, keycloakPort, 0);
        }
    }

    /** The call console's port in {@code ./hotline run}: the origin the services accept browser calls from. */
    public static final int CONSOLE_PORT = 8080;

    /** The realm the local stack imports, relative to the checkout. */
    public static final String REALM_FILE = "identity/realm-hotline1022.json";

    private final Options options;
    private Map<String, String> secrets;
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    private final Map<String, PostgresServer.Database> databases = new LinkedHashMap<>();
    private KafkaBroker kafka;
    private PostgresServer postgres;
    private Keycloak keycloak;
    private ServiceProcess console;

    public LocalStack(Options options) {
        this.options = options;
    }

    public static Map<String, Integer> servicePorts(int first) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (String s : List.of("intake", "dispatch", "referral", "relief", "notification", "ops")) {
            ports.put(s + "-service", first++);
        }
        return ports;
    }

    public LocalStack start() {
        long started = System.nanoTime();
        try {
            if (options.reset()) {
                step("Resetting local data in " + options.home());
                Directories.deleteQuietly(options.home().resolve("kafka"));
                Directories.deleteQuietly(options.home().resolve("postgres"));
            }
            Files.createDirectories(options.home().resolve("logs"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }

        // Keycloak is a process of its own: it starts while Kafka and PostgreSQL start here.
        CompletableFuture<Keycloak> identity = CompletableFuture.completedFuture(null);
        if (options.keycloak()) {
            step("Starting Keycloak on port " + options.keycloakPort());
            keycloak = new Keycloak(options.home().resolve("keycloak"), options.projectRoot().resolve(REALM_FILE),
                    options.keycloakPort(), options.home().resolve("logs/keycloak.log"), options.reset());
            identity = CompletableFuture.supplyAsync(keycloak::start);
        }

        step("Starting Kafka (KRaft) on port " + options.kafkaPort());
        kafka = new KafkaBroker(options.home().resolve("kafka"), options.kafkaPort(), options.kafkaControllerPort(),
                options.partitions()).start();

        String external = System.getenv(PostgresServer.URL_ENV);
        if (external != null && !external.isBlank()) {
            step("Using the PostgreSQL server of " + PostgresServer.URL_ENV);
            postgres = PostgresServer.external(external);
            if (options.reset()) {
                SERVICES.keySet().forEach(s -> postgres.dropDatabase(databaseName(s)));
            }
        } else {
            step("Starting embedded PostgreSQL on port " + options.postgresPort());
            postgres = PostgresServer.embedded(options.home().resolve("postgres"), options.postgresPort(), false);
        }

        if (keycloak != null) {
            identity.join();
            keycloak.awaitReady(Duration.ofSeconds(300)); // the first start unpacks and imports: a minute or two
            step("  Keycloak ready at " + keycloak.url() + " (realm " + Keycloak.REALM + ")");
        }

        for (var entry : options.ports().entrySet()) {
            services.put(entry.getKey(), process(entry.getKey(), entry.getKey(), entry.getValue()));
        }
        step("Starting " + String.join(", ", services.keySet()));
        services.values().forEach(ServiceProcess::start);
        List<CompletableFuture<Void>> ready = new ArrayList<>();
        for (ServiceProcess s : services.values()) {
            ready.add(CompletableFuture.runAsync(() -> {
                s.awaitReady(Duration.ofSeconds(120));
                step("  " + s.name() + " ready at " + s.url());
            }));
        }
        ready.forEach(CompletableFuture::join);
        if (keycloak != null && options.consolePort() > 0) {
            console = console(options.consolePort());
            step("Starting the call console on port " + options.consolePort());
            console.start();
            console.awaitReady(Duration.ofSeconds(60));
            step("  console ready at " + console.url());
        }
        step("All services up in " + (System.nanoTime() - started) / 1_000_000 / 1000.0 + " s");
        return this;
    }

    /**
     * Starts one more instance of a running service on {@code port}, with the same database, broker and settings, so
     * it joins the same consumer group: the way a service is scaled out. It is known as {@code instanceName} (its log
     * is {@code logs/<instanceName>.log}) and stopped with the stack.
     */
    public ServiceProcess startInstance(String service, String instanceName, int port) {
        service(service); // only a service of this stack
        if (services.containsKey(instanceName)) {
            throw new IllegalArgumentException(instanceName + " is already running");
        }
        ServiceProcess s = process(service, instanceName, port);
        services.put(instanceName, s);
        step("Starting " + instanceName + " (another " + service + ")");
        s.start();
        s.awaitReady(Duration.ofSeconds(120));
        step("  " + instanceName + " ready at " + s.url());
        return s;
    }

    /**
     * Launches one more instance of {@code service} with some settings changed ({@code null} removes a variable),
     * without waiting for it: e.g. to see it refuse to start without its secrets. Stopped with the stack.
     */
    public ServiceProcess launchInstance(String service, String instanceName, int port, Map<String, String> changes) {
        service(service);
        ServiceProcess base = process(service, instanceName, port);
        ServiceProcess s = base.withEnvironment(changes);
        services.put(instanceName, s);
        s.start();
        return s;
    }

    /** The database of a service and the login it uses (local demo values): for tests that check state directly. */
    public PostgresServer.Database database(String service) {
        service(service);
        return databases.get(service);
    }

    public ServiceProcess service(String name) {
        ServiceProcess s = services.get(name);
        if (s == null) {
            throw new IllegalArgumentException("no service " + name);
        }
        return s;
    }

    public String url(String service) {
        return service(service).url();
    }

    /** The call console's address; it runs only with Keycloak. */
    public String consoleUrl() {
        if (console == null) {
            throw new IllegalStateException("this local stack runs without the console");
        }
        return console.url();
    }

    /** Whether this stack runs Keycloak and the services check its tokens. */
    public boolean hasKeycloak() {
        return keycloak != null;
    }

    public Keycloak keycloak() {
        if (keycloak == null) {
            throw new IllegalStateException("this local stack runs without Keycloak");
        }
        return keycloak;
    }

    /** {@code http://localhost:<port>/realms/hotline1022}: the {@code iss} of the tokens the services accept. */
    public String oidcIssuer() {
        return keycloak().issuer();
    }

    /**
     * An access token of a demo user of the realm (agent1, dispatcher1, team1, hospital1, hospital2, relief1, ops1,
     * admin1; password = user name + "-demo"), by password grant with the {@code hotline1022-e2e} client.
     */
    public String token(String username) {
        return keycloak().token(username);
    }

    /** The broker, for a test that takes it away and brings it back (same port, same data) as an outage would. */
    public KafkaBroker kafka() {
        return kafka;
    }

    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    public Path logs() {
        return options.home().resolve("logs");
    }

    /** Kills a service with SIGKILL: the crash case. */
    public void kill(String name) {
        service(name).kill();
    }

    public void restart(String name) {
        ServiceProcess s = service(name);
        s.stop();
        s.start();
        s.awaitReady(Duration.ofSeconds(120));
    }

    @Override
    public void close() {
        if (console != null) {
            console.stop();
        }
        List<ServiceProcess> reversed = new ArrayList<>(services.values());
        java.util.Collections.reverse(reversed);
        reversed.parallelStream().forEach(ServiceProcess::stop);
        if (keycloak != null) {
            keycloak.close();
        }
        if (kafka != null) {
            kafka.stop();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    /** A process of {@code service} (its jar and database) named {@code instanceName}, listening on {@code port}. */
    private ServiceProcess process(String service, String instanceName, int port) {
        PostgresServer.Database db = databases.computeIfAbsent(service,
                s -> postgres.ensureDatabase(databaseName(s), "local-" + s));
        Map<String, String> env = ServiceEnvironment.of(service, port, db, kafka.bootstrapServers(), secrets(), keycloak,
                options);
        Path jar = options.projectRoot().resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
        return new ServiceProcess(instanceName, port, jar, env, options.home().resolve("logs").resolve(instanceName
                + ".log"), service.equals(OPS_SERVICE) ? OPS_HEAP_MB : ServiceProcess.DEFAULT_HEAP_MB);
    }

    /** This install's secrets, generated once under {@code home} (e.g. a test derives a receipt code with one). */
    public synchronized Map<String, String> secrets() {
        if (secrets == null) {
            secrets = LocalSecrets.loadOrCreate(options.home());
        }
        return secrets;
    }

    /** The console: no database or broker, only where Keycloak and the APIs are as the browser sees them. */
    private ServiceProcess console(int port) {
        Map<String, String> urls = new LinkedHashMap<>();
        services.forEach((name, process) -> urls.put(name, process.url()));
        Path jar = options.projectRoot().resolve("console/target/quarkus-app/quarkus-run.jar");
        return new ServiceProcess("console", port, jar, ServiceEnvironment.ofConsole(port, keycloak.issuer(), urls),
                options.home().resolve("logs/console.log"));
    }

    /** The local stack's database of {@code service}. */
    public static String databaseName(String service) {
        return "hotline_" + service.replace("-service", "");
    }

    private void step(String message) {
        options.out().println("[hotline] " + message);
    }

    /** The console, when it runs. */
    boolean hasConsole() {
        return console != null;
    }

    /** Every service instance of the stack. */
    java.util.Collection<ServiceProcess> processes() {
        return services.values();
    }
}
