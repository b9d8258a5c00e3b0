package vn.hotline1022.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.ObjectMapper;
import vn.hotline1022.events.Topics;
import vn.hotline1022.infra.Ports;
import vn.hotline1022.localstack.LocalStack;

/**
 * Two instances of every service on one broker and database, under a steady stream of calls: the second instance of
 * each is killed with SIGKILL while work is in flight, then dispatch's and relief's first instances are restarted (a
 * rolling update). Reconciled from the topics: every call intake accepted was published, got exactly one dispatch
 * decision and exactly one relief decision, and every consumer group's lag returns to zero.
 *
 * <p>The calls come from outside the demo province ({@link OutsideCalls}): each is queued or refused.
 */
@ExtendWith(SharedStack.class)
class EveryServiceTwiceTest {

    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final Set<String> DISPATCH_DECISIONS = Set.of("TeamDispatched", "DispatchQueued");
    private static final Set<String> RELIEF_DECISIONS = Set.of("ReliefScheduled", "ReliefRefused");

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LocalStack stack = SharedStack.stack();
    private final Set<UUID> accepted = ConcurrentHashMap.newKeySet();
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicReference<String> lastRefusal = new AtomicReference<>("none");

    @Test
    void killingOneInstanceOfEachUnderLoadLosesNoCallAndDuplicatesNoDecision() throws Exception {
        List<String> services = new ArrayList<>(LocalStack.SERVICES.keySet());
        for (String service : services) {
            stack.startInstance(service, second(service), Ports.free());
        }
        String token = stack.token(OutsideCalls.TAKEN_BY);
        ScheduledExecutorService load = Executors.newSingleThreadScheduledExecutor();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.kafkaBootstrapServers()))) {
            // Every consumer of every group (one per topic read) runs in both instances before anything is killed.
            await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> assertThat(admin
                    .describeConsumerGroups(services).all().get().values()).allSatisfy(g -> assertThat(g.members()
                            .stream().collect(Collectors.groupingBy(m -> m.clientId(), Collectors.counting())))
                            .as(g.groupId() + " members per channel").isNotEmpty()
                            .allSatisfy((channel, members) -> assertThat(members).isEqualTo(2))));

            // Steady load: five calls a second, spread over whichever intake instances are up.
            load.scheduleAtFixedRate(() -> call(token), 0, 200, TimeUnit.MILLISECONDS);
            awaitAccepted(15);

            for (String service : services) {
                stack.kill(second(service)); // SIGKILL: in-flight requests, unsent events and uncommitted offsets
            }
            int beforeRestart = accepted.size();
            awaitAccepted(beforeRestart + 10);
            stack.restart("dispatch-service");
            stack.restart("relief-service");
            awaitAccepted(accepted.size() + 10);
            load.shutdown();
            assertThat(load.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            System.out.println("[e2e] two instances: " + sent.get() + " calls sent, " + accepted.size()
                    + " accepted, " + refused.get() + " not (an instance down)");

            // Every accepted call was published and decided exactly once by dispatch and by relief.
            String bootstrap = stack.kafkaBootstrapServers();
            await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
                Map<UUID, Map<String, Long>> events = eventsOfAcceptedCases(bootstrap);
                List<UUID> undecided = accepted.stream().filter(c -> decisions(events, c, DISPATCH_DECISIONS) == 0
                        || decisions(events, c, RELIEF_DECISIONS) == 0).toList();
                assertThat(undecided).as(() -> undecided.size() + " of " + accepted.size() + " accepted calls not yet"
                        + " decided by dispatch and relief; the first one's events: "
                        + (undecided.isEmpty() ? "" : events.get(undecided.get(0)) + "; dead letters of these: "
                                + deadLetters(bootstrap, undecided))).isEmpty();
            });
            Map<UUID, Map<String, Long>> events = eventsOfAcceptedCases(bootstrap);
            for (UUID caseId : accepted) {
                assertThat(events.get(caseId).getOrDefault("CallReceived", 0L)).as(caseId + " published")
                        .isPositive();
                assertThat(decisions(events, caseId, DISPATCH_DECISIONS)).as(caseId + " dispatch decisions")
                        .isEqualTo(1);
                assertThat(decisions(events, caseId, RELIEF_DECISIONS)).as(caseId + " relief decisions")
                        .isEqualTo(1);
            }

            // A graceful restart leaves the events it did not finish to the next reader: none is dead-lettered.
            assertThat(deadLetters(bootstrap, List.copyOf(accepted))).as("dead letters of accepted calls").isEmpty();

            // And every group has caught up with every partition it reads.
            await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                for (String group : services) {
                    assertThat(lag(admin, group)).as(group + " lag per partition").allSatisfy((tp, lag) ->
                            assertThat(lag).isZero());
                }
            });
        } finally {
            load.shutdownNow();
            services.forEach(s -> stack.service(second(s)).stop());
        }
    }

    private static String second(String service) {
        return service + "-2";
    }

    private void awaitAccepted(int atLeast) {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> assertThat(accepted.size())
                .as(() -> "accepted calls; the last one not taken: " + lastRefusal.get())
                .isGreaterThanOrEqualTo(atLeast));
    }

    /** One call to the next intake instance; one that is down refuses the connection and the call is not taken. */
    private void call(String token) {
        int n = sent.incrementAndGet();
        String instance = n % 2 == 0 ? "intake-service" : "intake-service-2";
        Map<String, Object> call = OutsideCalls.call("Lò Văn Pảng", "Bản Nà Khum");
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(stack.url(instance)
                    + "/api/v1/calls")).timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(call))).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 201) {
                accepted.add(UUID.fromString(JSON.readTree(response.body()).path("id").asText()));
            } else {
                refused.incrementAndGet();
                lastRefusal.set(instance + ": HTTP " + response.statusCode() + " " + response.body());
            }
        } catch (Exception e) {
            // The instance is down or died during the call: not taken, the agent's console tries again elsewhere.
            refused.incrementAndGet();
            lastRefusal.set(instance + ": " + e);
        }
    }

    private Map<UUID, Map<String, Long>> eventsOfAcceptedCases(String bootstrap) {
        Set<String> keys = accepted.stream().map(UUID::toString).collect(Collectors.toSet());
        // A decision is an event id: an outbox relay killed between sending and marking sends the same event again
        // (at least once, dropped by every inbox), which is not a second decision; two ids are.
        return CaseEvents.readAll(bootstrap, List.of(Topics.INTAKE, Topics.DISPATCH, Topics.RELIEF)).stream()
                .filter(r -> keys.contains(r.key()))
                .collect(Collectors.groupingBy((ConsumerRecord<String, String> r) -> UUID.fromString(r.key()),
                        Collectors.groupingBy(CaseEvents::eventName, Collectors.collectingAndThen(
                                Collectors.mapping(r -> CaseEvents.header(r, "ce_id"), Collectors.toSet()),
                                ids -> (long) ids.size()))));
    }

    /** Dead letters (with the reason the consumer gave) of {@code cases}, from every dead-letter topic. */
    private static List<String> deadLetters(String bootstrap, List<UUID> cases) {
        Set<String> keys = cases.stream().map(UUID::toString).collect(Collectors.toSet());
        List<String> topics = new ArrayList<>();
        for (String consumer : List.of("dispatch-service", "relief-service")) {
            topics.add(Topics.dlq(Topics.INTAKE, consumer));
        }
        return CaseEvents.readAll(bootstrap, topics).stream().filter(r -> keys.contains(r.key()))
                .map(r -> r.topic() + " " + CaseEvents.eventName(r) + ": " + CaseEvents.header(r,
                        "dead-letter-reason")).toList();
    }

    private static long decisions(Map<UUID, Map<String, Long>> events, UUID caseId, Set<String> kinds) {
        return events.getOrDefault(caseId, Map.of()).entrySet().stream().filter(e -> kinds.contains(e.getKey()))
                .mapToLong(Map.Entry::getValue).sum();
    }

    private static Map<TopicPartition, Long> lag(Admin admin, String group) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
        Map<TopicPartition, Long> lag = new HashMap<>();
        admin.listOffsets(latest).all().get().forEach((tp, end) -> lag.put(tp,
                end.offset() - (committed.get(tp) == null ? 0 : committed.get(tp).offset())));
        return lag;
    }
}
