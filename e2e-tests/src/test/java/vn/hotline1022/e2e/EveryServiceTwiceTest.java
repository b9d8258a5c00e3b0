package vn.hotline1022.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.restassured.http.ContentType;
import vn.hotline1022.events.Topics;
import vn.hotline1022.infra.Ports;
import vn.hotline1022.localstack.LocalStack;

/**
 * Two instances of every service on one broker and database, under a steady stream of calls: the second instance of
 * each is killed with SIGKILL while work is in flight, then dispatch's and relief's first instances are restarted (a
 * rolling update). Reconciled from the topics: every call intake accepted was published, got exactly one dispatch
 * decision and exactly one relief decision, and every consumer group's lag returns to zero.
 *
 * <p>The calls come from Lai Châu (no demo team, stock or programme there): each is queued or refused, which is a
 * decision as final as a dispatch, and the shared demo teams of Bình Dương are left alone for the other tests.
 */
@ExtendWith(SharedStack.class)
class EveryServiceTwiceTest {

    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final String LAI_CHAU_WARD = "03386";
    private static final Set<String> DISPATCH_DECISIONS = Set.of("TeamDispatched", "DispatchQueued");
    private static final Set<String> RELIEF_DECISIONS = Set.of("ReliefScheduled", "ReliefRefused");

    private final LocalStack stack = SharedStack.stack();
    private final Set<UUID> accepted = ConcurrentHashMap.newKeySet();
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicInteger sent = new AtomicInteger();

    @Test
    void killingOneInstanceOfEachUnderLoadLosesNoCallAndDuplicatesNoDecision() throws Exception {
        List<String> services = new ArrayList<>(LocalStack.SERVICES.keySet());
        for (String service : services) {
            stack.startInstance(service, second(service), Ports.free());
        }
        String token = stack.token("agent1");
        ScheduledExecutorService load = Executors.newSingleThreadScheduledExecutor();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.kafkaBootstrapServers()))) {
            // Every consumer group has both instances before anything is killed.
            await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> assertThat(admin
                    .describeConsumerGroups(services).all().get().values()).allSatisfy(g -> assertThat(g.members())
                            .as(g.groupId() + " members").hasSize(2)));

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
            await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(2)).until(() -> {
                Map<UUID, Map<String, Long>> events = eventsOfAcceptedCases(bootstrap);
                return accepted.stream().allMatch(c -> decisions(events, c, DISPATCH_DECISIONS) > 0
                        && decisions(events, c, RELIEF_DECISIONS) > 0);
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
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).until(() -> accepted.size() >= atLeast);
    }

    /** One call to the next intake instance; one that is down refuses the connection and the call is not taken. */
    private void call(String token) {
        int n = sent.incrementAndGet();
        String instance = n % 2 == 0 ? "intake-service" : "intake-service-2";
        String phone = "097" + "%07d".formatted(ThreadLocalRandom.current().nextInt(10_000_000));
        Map<String, Object> call = new HashMap<>();
        call.put("callId", UUID.randomUUID());
        call.put("channel", "PHONE");
        call.put("caller", Map.of("name", "Lò Văn Pảng", "phone",
                phone.substring(0, 4) + " " + phone.substring(4, 7) + " " + phone.substring(7)));
        call.put("location", Map.of("wardCode", LAI_CHAU_WARD, "addressText",
                ThreadLocalRandom.current().nextInt(1, 100_000_000) + " Bản Nà Khum"));
        call.put("needs", List.of("MEDICAL_CONSULTATION", "FOOD"));
        call.put("householdSize", 4);
        call.put("agentId", "agent-e2e");
        try {
            var response = given().auth().oauth2(token).contentType(ContentType.JSON).body(call)
                    .post(stack.url(instance) + "/api/v1/calls");
            if (response.statusCode() == 201) {
                accepted.add(UUID.fromString(response.path("id")));
            } else {
                refused.incrementAndGet();
            }
        } catch (RuntimeException e) {
            refused.incrementAndGet(); // the instance is down: the agent's console retries elsewhere
        }
    }

    private Map<UUID, Map<String, Long>> eventsOfAcceptedCases(String bootstrap) {
        Set<String> keys = accepted.stream().map(UUID::toString).collect(Collectors.toSet());
        return CaseEvents.readAll(bootstrap, List.of(Topics.INTAKE, Topics.DISPATCH, Topics.RELIEF)).stream()
                .filter(r -> keys.contains(r.key()))
                .collect(Collectors.groupingBy((ConsumerRecord<String, String> r) -> UUID.fromString(r.key()),
                        Collectors.groupingBy(CaseEvents::eventName, Collectors.counting())));
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
