package vn.hotline1022.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import vn.hotline1022.infra.Directories;
import vn.hotline1022.infra.Ports;

/**
 * Keycloak as the local identity provider, run as a child process from its Maven Central distribution
 * ({@code org.keycloak:keycloak-quarkus-dist}, a dependency of this module: nothing else is downloaded). The
 * distribution is unpacked once under {@code <dir>/dist}; the dev-file database lives in {@code <dir>/data} and is
 * kept between runs. The realm ({@code identity/realm-hotline1022.json}) is imported on the first start, and again
 * whenever the file changes (the file is the source of truth: Keycloak's data is then wiped).
 *
 * <p>Every password and secret here is a <b>local demo value</b>, the same as in the realm file.
 */
public final class Keycloak implements AutoCloseable {

    public static final String REALM = "hotline1022";
    /** Confidential client for the end-to-end tests and the demo data (password grant). */
    public static final String E2E_CLIENT = "hotline1022-e2e";
    /** Local demo value, the same as in the realm file. */
    public static final String E2E_CLIENT_SECRET = "local-demo-secret";
    /** Admin console user of the master realm. Local demo values. */
    public static final String ADMIN_USERNAME = "admin";
    public static final String ADMIN_PASSWORD = "admin-local-demo";
    /** Written at build time by maven-dependency-plugin: where the distribution zip is in the local repository. */

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Path dir;
    private final Path realmFile;
    private final int port;
    private final Path logFile;
    private final boolean reset;
    private final Map<String, CachedToken> tokens = new ConcurrentHashMap<>();
    private int managementPort;
    private Process process;
    private boolean closed;

    /**
     * @param dir       {@code <home>/keycloak}: the unpacked distribution and the database
     * @param realmFile the realm to import
     * @param port      HTTP port; the issuer is {@code http://localhost:<port>/realms/hotline1022}
     * @param reset     wipe the database first (the distribution is kept)
     */
    public Keycloak(Path dir, Path realmFile, int port, Path logFile, boolean reset) {
        this.dir = dir.toAbsolutePath();
        this.realmFile = realmFile.toAbsolutePath();
        this.port = port;
        this.logFile = logFile.toAbsolutePath();
        this.reset = reset;
    }

    public int port() {
        return port;
    }

    public String url() {
        return "http://localhost:" + port;
    }

    /** The {@code iss} of every token, and the services' {@code quarkus.oidc.auth-server-url}. */
    public String issuer() {
        return url() + "/realms/" + REALM;
    }

    public String adminConsoleUrl() {
        return url() + "/admin/master/console/#/" + REALM;
    }

    public String tokenEndpoint() {
        return issuer() + "/protocol/openid-connect/token";
    }

    public Path logFile() {
        return logFile;
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Unpacks the distribution if needed and starts the process; does not wait (see {@link #awaitReady}). */
    public synchronized Keycloak start() {
        if (closed) {
            throw new IllegalStateException("Keycloak was stopped"); // a failed start closed the stack meanwhile
        }
        if (isAlive()) {
            return this;
        }
        try {
            Path dist = KeycloakDistribution.unpack(dir);
            Path data = dir.resolve("data");
            String realmHash = sha256(realmFile);
            Path hashFile = data.resolve("imported-realm.sha256");
            if (reset || (Files.exists(data) && !realmHash.equals(KeycloakDistribution.readQuietly(hashFile)))) {
                Directories.deleteQuietly(data); // dev-file database: a new realm file means a fresh import
            }
            Files.createDirectories(data);
            Files.writeString(hashFile, realmHash);
            Path importDir = dist.resolve("data/import");
            Directories.deleteQuietly(importDir);
            Files.createDirectories(importDir);
            Files.copy(realmFile, importDir.resolve(realmFile.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            Files.createDirectories(logFile.getParent());

            managementPort = Ports.free();
            List<String> command = new ArrayList<>(List.of("/bin/sh", dist.resolve("bin/kc.sh").toString(),
                    "start-dev",
                    "--http-port=" + port,
                    "--hostname=" + url(), // pins the issuer, whatever host name a request uses
                    "--http-management-port=" + managementPort, // not 9000: two stacks may run side by side
                    "--health-enabled=true",
                    "--import-realm",
                    "-Dkc.db-url-path=" + dir)); // dev-file database in <dir>/data/h2, outside the distribution
            ProcessBuilder pb = new ProcessBuilder(command).directory(dist.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            Map<String, String> env = pb.environment();
            env.put("JAVA_HOME", javaHome());
            env.put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
            // Quick start on a small shared machine; a local identity provider needs no peak throughput.
            env.put("JAVA_OPTS_APPEND", "-XX:TieredStopAtLevel=1");
            env.put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USERNAME);
            env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
            // The realm's console redirect URI placeholder (docker-compose.yml sets the public origin).
            env.put("HOTLINE_CONSOLE_ORIGIN", "http://localhost:8080");
            process = pb.start();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start Keycloak", e);
        }
    }

    /** Waits until the realm is served (the import is done before Keycloak opens its HTTP port). */
    public void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!isAlive()) {
                throw new IllegalStateException("Keycloak exited while starting; see " + logFile);
            }
            if (isReady()) {
                return;
            }
            try {
                Thread.sleep(500); // polling another process's HTTP endpoint: no event to wait on
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        throw new IllegalStateException("Keycloak was not ready within " + timeout + "; see " + logFile);
    }

    public boolean isReady() {
        return status("http://localhost:" + managementPort + "/health/ready") == 200
                && status(issuer() + "/.well-known/openid-configuration") == 200;
    }

    /** An access token of a demo user (password = user name + "-demo"), cached until a minute before it expires. */
    public String token(String username) {
        return token(username, username + "-demo");
    }

    public String token(String username, String password) {
        CachedToken cached = tokens.get(username);
        if (cached != null && cached.password.equals(password) && System.nanoTime() < cached.refreshAt) {
            return cached.token;
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "password");
        form.put("client_id", E2E_CLIENT);
        form.put("client_secret", E2E_CLIENT_SECRET);
        form.put("username", username);
        form.put("password", password);
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(tokenEndpoint()))
                    .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("No token for " + username + ": " + r.statusCode() + " " + r.body());
            }
            JsonNode answer = JSON.readTree(r.body());
            String token = answer.path("access_token").asText();
            long lifetime = Math.max(0, answer.path("expires_in").asLong(60) - 60);
            tokens.put(username, new CachedToken(password, token, System.nanoTime()
                    + TimeUnit.SECONDS.toNanos(lifetime)));
            return token;
        } catch (IOException e) {
            throw new UncheckedIOException("No token for " + username, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** A confidential client's own token (client credentials grant), e.g. a hospital's system. */
    public String clientToken(String clientId, String secret) {
        HttpResponse<String> r = tokenRequest(Map.of("grant_type", "client_credentials", "client_id", clientId,
                "client_secret", secret), tokenEndpoint());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("No token for client " + clientId + ": " + r.statusCode() + " " + r.body());
        }
        try {
            return JSON.readTree(r.body()).path("access_token").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Posts a form to {@code endpoint} (a token endpoint) and returns Keycloak's answer as it is, refusals included. */
    public HttpResponse<String> tokenRequest(Map<String, String> form, String endpoint) {
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(endpoint)).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** A token of the server's administrator (master realm), for the admin REST API. */
    public String adminToken() {
        HttpResponse<String> r = tokenRequest(Map.of("grant_type", "password", "client_id", "admin-cli", "username",
                ADMIN_USERNAME, "password", ADMIN_PASSWORD), url() + "/realms/master/protocol/openid-connect/token");
        try {
            return JSON.readTree(r.body()).path("access_token").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGTERM (the script passes it on to Keycloak), then SIGKILL after 20 s. */
    @Override
    public synchronized void close() {
        closed = true;
        if (process == null || !process.isAlive()) {
            return;
        }
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        if (!waitFor(process.toHandle(), Duration.ofSeconds(20))) {
            process.destroyForcibly();
        }
        for (ProcessHandle child : children) { // the JVM, should the script have gone first
            if (child.isAlive() && !waitFor(child, Duration.ofSeconds(5))) {
                child.destroyForcibly();
            }
        }
        waitFor(process.toHandle(), Duration.ofSeconds(5));
    }

    /** Keycloak 26 runs on Java 17, 21 and 25: the launcher's own Java does. */
    private static String javaHome() {
        return System.getProperty("java.home");
    }

    private static int status(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static boolean waitFor(ProcessHandle p, Duration d) {
        try {
            p.onExit().get(d.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record CachedToken(String password, String token, long refreshAt) {
    }
}
