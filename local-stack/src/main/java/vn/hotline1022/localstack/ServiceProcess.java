package vn.hotline1022.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One service running as its own operating-system process, from its built Quarkus application. */
public final class ServiceProcess {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final int port;
    private final Path jar;
    private final Map<String, String> env;
    private final Path logFile;
    private Process process;

    static final int DEFAULT_HEAP_MB = 256;
    private final int heapMb;

    ServiceProcess(String name, int port, Path jar, Map<String, String> env, Path logFile) {
        this(name, port, jar, env, logFile, DEFAULT_HEAP_MB);
    }

    /** @param heapMb the most heap it may use: ops-service, which only watches, gets less than the others */
    ServiceProcess(String name, int port, Path jar, Map<String, String> env, Path logFile, int heapMb) {
        this.heapMb = heapMb;
        this.name = name;
        this.port = port;
        this.jar = jar;
        this.env = env;
        this.logFile = logFile;
    }

    /** The same process with some variables changed; {@code null} removes one. */
    ServiceProcess withEnvironment(Map<String, String> changes) {
        Map<String, String> changed = new java.util.LinkedHashMap<>(env);
        changes.forEach((k, v) -> {
            if (v == null) {
                changed.remove(k);
            } else {
                changed.put(k, v);
            }
        });
        return new ServiceProcess(name, port, jar, changed, logFile, heapMb);
    }

    /** Waits for the process to end by itself; its exit code, or empty if it still runs after {@code timeout}. */
    public java.util.OptionalInt awaitExit(Duration timeout) {
        Process p;
        synchronized (this) {
            p = process;
        }
        try {
            return p.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
                    ? java.util.OptionalInt.of(p.exitValue()) : java.util.OptionalInt.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public String url() {
        return "http://localhost:" + port;
    }

    public Path logFile() {
        return logFile;
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    public synchronized long pid() {
        return process.pid();
    }

    synchronized void start() {
        if (isAlive()) {
            return;
        }
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build first (./mvnw install -DskipTests)");
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(),
                // Small heaps: five services share two cores on a laptop or CI machine.
                "-Xms" + (heapMb < DEFAULT_HEAP_MB ? 16 : 64) + "m", "-Xmx" + heapMb + "m", "-XX:+UseSerialGC",
                "-Xshare:auto"));
        if (!fullJit()) {
            // Quick start for development and tests (C1 only); the benchmark and production use the full JIT.
            command.add("-XX:TieredStopAtLevel=1");
        }
        if (heapMb < DEFAULT_HEAP_MB) {
            // A small service: start small, give memory back after a collection, keep the compiled code small.
            command.addAll(List.of("-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=20",
                    "-XX:ReservedCodeCacheSize=32m", "-Xss512k"));
        }
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        // glibc's default of 8 malloc arenas per core costs tens of MB per JVM with Kafka's and Vert.x's threads.
        pb.environment().put("MALLOC_ARENA_MAX", "2");
        pb.environment().putAll(env);
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + name, e);
        }
    }

    /** {@code -Dhotline.jit=full} ({@code ./hotline run --full-jit}): both JIT tiers, as in production. */
    static boolean fullJit() {
        return "full".equals(System.getProperty("hotline.jit"));
    }

    /** Waits until the service says it is ready (database migrated, Kafka reachable). */
    public void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!isAlive()) {
                throw new IllegalStateException(name + " exited while starting; see " + logFile);
            }
            if (isReady()) {
                return;
            }
            try {
                Thread.sleep(250); // polling an HTTP endpoint of another process: no event to wait on
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        throw new IllegalStateException(name + " was not ready within " + timeout + "; see " + logFile);
    }

    public boolean isReady() {
        try {
            HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed. What a crash or an OOM kill looks like. */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        waitFor(Duration.ofSeconds(10));
    }

    /** SIGTERM, then SIGKILL if it takes too long. */
    public synchronized void stop() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        if (!waitFor(Duration.ofSeconds(15))) {
            process.destroyForcibly();
            waitFor(Duration.ofSeconds(5));
        }
    }

    private boolean waitFor(Duration d) {
        try {
            return process.waitFor(d.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
