package vn.hotline1022.localstack.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An open-model load: calls arrive at a fixed rate whatever the system does, and each call's latency is measured
 * from when it was due, not from when it could be sent, so an overloaded system cannot hide its queue (no coordinated
 * omission).
 */
final class OpenLoad {

    private static final Pattern CASE_ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");

    final Latencies http = new Latencies();
    /** Case id → the instant (epoch ms) its call was due; only accepted calls. */
    final Map<String, Long> accepted = new ConcurrentHashMap<>();
    /** Accepted calls per second of the run, by second. */
    final Map<Integer, AtomicInteger> acceptedPerSecond = new ConcurrentHashMap<>();
    final AtomicInteger refused = new AtomicInteger();
    /** HTTP status → calls answered with it, other than 201. */
    final Map<Integer, AtomicInteger> refusedByStatus = new ConcurrentHashMap<>();
    final AtomicInteger failed = new AtomicInteger();
    int sent;
    long startedAt;
    long endedAt;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    void run(String callsUrl, Supplier<String> token, Supplier<String> calls, int ratePerSecond, Duration duration)
            throws Exception {
        long interval = TimeUnit.SECONDS.toNanos(1) / ratePerSecond;
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        startedAt = System.currentTimeMillis();
        List<CompletableFuture<?>> inFlight = new ArrayList<>();
        for (long due = start; due < end; due += interval) {
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait); // the arrival clock of the open model
            }
            long dueAt = due;
            long dueEpoch = startedAt + TimeUnit.NANOSECONDS.toMillis(due - start);
            HttpRequest request = HttpRequest.newBuilder(URI.create(callsUrl))
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + token.get())
                    .POST(HttpRequest.BodyPublishers.ofString(calls.get())).build();
            sent++;
            inFlight.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((r, e) -> {
                http.add((System.nanoTime() - dueAt) / 1e6);
                if (e != null) {
                    failed.incrementAndGet();
                } else if (r.statusCode() == 201) {
                    Matcher m = CASE_ID.matcher(r.body());
                    if (m.find()) {
                        accepted.put(m.group(1), dueEpoch);
                    }
                    acceptedPerSecond.computeIfAbsent((int) ((System.currentTimeMillis() - startedAt) / 1000),
                            s -> new AtomicInteger()).incrementAndGet();
                } else {
                    refused.incrementAndGet();
                    refusedByStatus.computeIfAbsent(r.statusCode(), c -> new AtomicInteger()).incrementAndGet();
                }
            }));
        }
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).handle((v, e) -> null)
                .get(60, TimeUnit.SECONDS);
        endedAt = System.currentTimeMillis();
    }

    double acceptedPerSecondOverall() {
        return accepted.size() / ((endedAt - startedAt) / 1000.0);
    }
}
