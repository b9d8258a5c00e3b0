package vn.hotline1022.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import vn.hotline1022.events.Topics;
import vn.hotline1022.events.common.Caller;
import vn.hotline1022.events.common.ContactChannel;
import vn.hotline1022.events.common.Location;
import vn.hotline1022.events.common.Need;
import vn.hotline1022.events.common.Vulnerability;
import vn.hotline1022.events.intake.CallReceived;
import vn.hotline1022.localstack.LocalStack;
import vn.hotline1022.localstack.ServiceProcess;
import vn.hotline1022.messaging.cloudevents.CloudEventRecords;
import vn.hotline1022.infra.Directories;
import vn.hotline1022.infra.PostgresServer;
import vn.hotline1022.infra.Ports;
import vn.hotline1022.testkit.SampleEvents;

/**
 * Scaled out: two dispatch-service processes sharing one database and one consumer group, a burst of emergencies
 * (more cases than teams, every event delivered more than once, some cases delivered to both instances at once).
 * Every case gets at most one team, no team gets two cases, exactly one TeamDispatched or DispatchQueued per case
 * reaches the topic, and both instances did part of the work. Only Kafka, PostgreSQL and the two instances run: the
 * events are put on intake's topic as intake would, the state is read from dispatch's database.
 */
class TwoDispatchInstancesTest {

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final String SERVICE = "dispatch-service";
    private static final String SECOND = "dispatch-service-2";
    private static final String DLQ = Topics.dlq(Topics.INTAKE, SERVICE);
    private static final List<String> TEAMS = List.of("E2E2-T1", "E2E2-T2", "E2E2-T3");
    /** Cases per instance whose events only reach that instance (their key's partition is one it owns). */
    private static final int OWN_CASES_PER_INSTANCE = 3;
    /** Cases whose events reach both instances at the same time (a copy on a partition of each). */
    private static final int SHARED_CASES = 4;

    private static Path home;
    private static LocalStack stack;
    private static ServiceProcess second;
    private static Admin admin;

    @BeforeAll
    static void startKafkaPostgresAndTwoDispatchInstances() throws Exception {
        Path root = Path.of(System.getProperty("hotline.root", "..")).toAbsolutePath().normalize();
        home = Files.createTempDirectory("hotline-e2e-dispatch2-");
        // No Keycloak and no other service: the events come straight from this test, the state is read over JDBC.
        stack = new LocalStack(new LocalStack.Options(root, home, true, Ports.free(), Ports.free(), Ports.free(),
                Map.of(SERVICE, Ports.free()), 4, Map.of(), System.out)).start();
        second = stack.startInstance(SERVICE, SECOND, Ports.free());
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers()));
    }

    @AfterAll
    static void stopEverything() {
        if (admin != null) {
            admin.close();
        }
        if (stack != null) {
            stack.close();
        }
        Directories.deleteQuietly(home);
    }

    @Test
    void aBurstOfRedeliveredEmergenciesOnTwoInstancesGivesEachCaseAtMostOneTeamAndEachTeamOneCase() throws Exception {
        for (String code : TEAMS) {
            insertAvailableTeam(code);
        }

        // Both instances are in the group and each owns some of intake's partitions.
        Map<String, List<Integer>> owners = await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500))
                .until(TwoDispatchInstancesTest::partitionsByMember,
                        m -> m.size() == 2 && m.values().stream().noneMatch(List::isEmpty));
        int partitions = owners.values().stream().mapToInt(List::size).sum();
        List<List<Integer>> members = new ArrayList<>(owners.values());
        System.out.println("[e2e] consumer group members and their partitions of " + Topics.INTAKE + ": " + owners);

        // Cases whose key hashes to one member's partitions: only that instance ever sees them.
        Map<Integer, List<CallReceived>> ownCases = new HashMap<>(); // by member index
        List<CallReceived> sharedCases = new ArrayList<>();
        int n = 0;
        for (int m = 0; m < 2; m++) {
            List<CallReceived> mine = new ArrayList<>();
            while (mine.size() < OWN_CASES_PER_INSTANCE) {
                UUID caseId = UUID.randomUUID();
                if (members.get(m).contains(partitionOf(caseId, partitions))) {
                    mine.add(emergency(caseId, ++n));
                }
            }
            ownCases.put(m, mine);
        }
        for (int i = 0; i < SHARED_CASES; i++) {
            sharedCases.add(emergency(UUID.randomUUID(), ++n));
        }
        List<CallReceived> all = new ArrayList<>();
        ownCases.values().forEach(all::addAll);
        all.addAll(sharedCases);
        assertThat(all).hasSizeGreaterThan(TEAMS.size());

        // Own cases: each event twice under its id (a redelivery) and once under a new id (a repeat publication), all
        // on the key's partition as intake's relay would send them.
        List<ProducerRecord<String, String>> burst = new ArrayList<>();
        for (List<CallReceived> mine : ownCases.values()) {
            for (CallReceived c : mine) {
                UUID id = UUID.randomUUID();
                burst.add(CloudEventRecords.of(id, c));
                burst.add(CloudEventRecords.of(id, c));
                burst.add(CloudEventRecords.of(c));
            }
        }
        // Shared cases: the event and its repeat each on a partition of either instance, so both work on the case at
        // the same time (the advisory lock on the case and the inbox must hold across processes).
        for (CallReceived c : sharedCases) {
            UUID id = UUID.randomUUID();
            UUID repeat = UUID.randomUUID();
            for (List<Integer> owned : members) {
                burst.add(onPartition(CloudEventRecords.of(id, c), owned.get(0)));
                burst.add(onPartition(CloudEventRecords.of(repeat, c), owned.get(owned.size() - 1)));
            }
        }
        Collections.shuffle(burst);
        Map<Integer, Integer> sentPerPartition = send(burst);
        System.out.println("[e2e] " + burst.size() + " deliveries of " + all.size() + " cases, per partition: "
                + sentPerPartition);

        // Everything consumed and committed by the group, every outbox row published.
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            assertThat(lag()).as("lag per partition of " + Topics.INTAKE).allSatisfy((tp, lag) -> assertThat(lag)
                    .isZero());
            assertThat(queryLong("select count(*) from messaging_outbox where published_at is null")).isZero();
        });
        assertThat(partitionsByMember()).as("no rebalance during the burst").isEqualTo(owners);

        Set<UUID> caseIds = all.stream().map(CallReceived::caseId).collect(Collectors.toSet());
        Map<UUID, String> teamOfCase = new HashMap<>();
        Map<String, Integer> liveAssignmentsPerTeam = new HashMap<>();
        Map<UUID, Integer> liveAssignmentsPerCase = new HashMap<>();
        try (Connection db = connect(); PreparedStatement st = db.prepareStatement("""
                select a.case_id, t.code from assignment a join team t on t.id = a.team_id
                 where a.status <> 'COMPLETED'
                """); ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                UUID caseId = rs.getObject(1, UUID.class);
                teamOfCase.put(caseId, rs.getString(2));
                liveAssignmentsPerCase.merge(caseId, 1, Integer::sum);
                liveAssignmentsPerTeam.merge(rs.getString(2), 1, Integer::sum);
            }
        }
        // At most one live assignment per case and per team; every team is out, on one case of this burst.
        assertThat(liveAssignmentsPerCase).allSatisfy((c, count) -> assertThat(count).isEqualTo(1));
        assertThat(liveAssignmentsPerTeam).allSatisfy((t, count) -> assertThat(count).isEqualTo(1));
        assertThat(liveAssignmentsPerTeam.keySet()).containsExactlyInAnyOrderElementsOf(TEAMS);
        assertThat(caseIds).containsAll(teamOfCase.keySet());
        assertThat(queryLong("select count(*) from team where status = 'DISPATCHED'")).isEqualTo(TEAMS.size());
        // The other cases wait for a team, and no dispatched case is also waiting.
        Set<UUID> queued = queryUuids("select case_id from queued_case");
        assertThat(queued).hasSize(all.size() - TEAMS.size()).doesNotContainAnyElementsOf(teamOfCase.keySet());
        assertThat(caseIds).containsAll(queued);
        // Every distinct event handled once (two per case), none given up on.
        assertThat(queryLong("select count(*) from messaging_inbox")).isEqualTo(2L * all.size());
        assertThat(dlqRecords()).as(DLQ).isZero();

        // On the topic: exactly one event per case, TeamDispatched for the dispatched cases, DispatchQueued for the rest.
        Map<String, List<String>> published = dispatchEventsByCase();
        assertThat(published.keySet()).containsExactlyInAnyOrderElementsOf(
                caseIds.stream().map(UUID::toString).toList());
        for (UUID caseId : caseIds) {
            assertThat(published.get(caseId.toString())).as("events of case " + caseId)
                    .containsExactly(teamOfCase.containsKey(caseId) ? "TeamDispatched" : "DispatchQueued");
        }

        // The work was split: each instance dispatched or queued the cases of its own partitions, and each shared
        // case was decided by exactly one of the two.
        Map<String, Long> first = decidedCases(stack.service(SERVICE).logFile());
        Map<String, Long> other = decidedCases(second.logFile());
        System.out.println("[e2e] cases decided by " + SERVICE + ": " + first.keySet() + "; by " + SECOND + ": "
                + other.keySet());
        Set<String> own0 = codes(ownCases.get(0));
        Set<String> own1 = codes(ownCases.get(1));
        Set<String> firstOwn = new HashSet<>(first.keySet());
        firstOwn.retainAll(union(own0, own1));
        Set<String> otherOwn = new HashSet<>(other.keySet());
        otherOwn.retainAll(union(own0, own1));
        assertThat(List.of(firstOwn, otherOwn)).as("own cases by instance")
                .isIn(List.of(List.of(own0, own1), List.of(own1, own0)));
        for (String code : codes(all)) {
            assertThat(first.getOrDefault(code, 0L) + other.getOrDefault(code, 0L)).as("decisions on " + code)
                    .isEqualTo(1L);
        }
    }

    // --- the burst --------------------------------------------------------------------------------------------

    private static CallReceived emergency(UUID caseId, int n) {
        String code = String.format("E2E2-C%02d", n);
        return new CallReceived(caseId, code, Instant.now(), UUID.randomUUID(), ContactChannel.PHONE,
                new Caller("Nguyễn Văn An", "+8491234" + String.format("%04d", n)),
                new Location(SampleEvents.BINH_DUONG, SampleEvents.THUAN_AN, SampleEvents.LAI_THIEU, "Khu phố 3", null,
                        null),
                List.of(Need.EMERGENCY_TRANSPORT), 4, Set.of(Vulnerability.ELDERLY), 60 + n, "khó thở", "agent-e2e");
    }

    /** The partition Kafka's default partitioner picks for a case's key. */
    private static int partitionOf(UUID caseId, int partitions) {
        return Utils.toPositive(Utils.murmur2(caseId.toString().getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    private static ProducerRecord<String, String> onPartition(ProducerRecord<String, String> r, int partition) {
        return new ProducerRecord<>(r.topic(), partition, r.key(), r.value(), r.headers());
    }

    private static Map<Integer, Integer> send(List<ProducerRecord<String, String>> records) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        Map<Integer, Integer> perPartition = new TreeMap<>();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            records.forEach(r -> sent.add(producer.send(r)));
            producer.flush();
            for (Future<RecordMetadata> f : sent) {
                perPartition.merge(f.get().partition(), 1, Integer::sum);
            }
        }
        return perPartition;
    }

    // --- Kafka ------------------------------------------------------------------------------------------------

    /** Members (by id) of the group consuming intake's topic, with the partitions each owns; empty until stable. */
    private static Map<String, List<Integer>> partitionsByMember() throws Exception {
        Map<String, List<Integer>> owners = new LinkedHashMap<>();
        ConsumerGroupDescription group = group();
        if (group.groupState() != GroupState.STABLE) {
            return owners;
        }
        // Each instance has a consumer per topic it reads (intake's, referral's) in the group: intake's are the ones.
        for (MemberDescription m : group.members().stream().filter(m -> m.consumerId().contains("intake-events"))
                .toList()) {
            owners.put(m.consumerId(), m.assignment().topicPartitions().stream()
                    .filter(tp -> tp.topic().equals(Topics.INTAKE)).map(TopicPartition::partition).sorted().toList());
        }
        return owners;
    }

    /** The consumer group of dispatch-service (Quarkus names it after the application); DEAD until it exists. */
    private static ConsumerGroupDescription group() throws Exception {
        return admin.describeConsumerGroups(List.of(SERVICE)).all().get().get(SERVICE);
    }

    private static Map<TopicPartition, Long> lag() throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(SERVICE)
                .partitionsToOffsetAndMetadata().get();
        int partitions = admin.describeTopics(List.of(Topics.INTAKE)).allTopicNames().get().get(Topics.INTAKE)
                .partitions().size();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int i = 0; i < partitions; i++) {
            latest.put(new TopicPartition(Topics.INTAKE, i), OffsetSpec.latest());
        }
        Map<TopicPartition, Long> lag = new HashMap<>();
        admin.listOffsets(latest).all().get().forEach((tp, end) -> {
            OffsetAndMetadata c = committed.get(tp);
            lag.put(tp, end.offset() - (c == null ? 0 : c.offset()));
        });
        return lag;
    }

    private static long dlqRecords() throws Exception {
        if (!admin.listTopics().names().get().contains(DLQ)) {
            return 0;
        }
        var description = admin.describeTopics(List.of(DLQ)).allTopicNames().get().get(DLQ);
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        description.partitions().forEach(p -> latest.put(new TopicPartition(DLQ, p.partition()), OffsetSpec.latest()));
        return admin.listOffsets(latest).all().get().values().stream().mapToLong(i -> i.offset()).sum();
    }

    /** Event names on dispatch's topic by key (case id), read from the beginning to the current end. */
    private static Map<String, List<String>> dispatchEventsByCase() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers());
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        Map<String, List<String>> byCase = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> tps = consumer.partitionsFor(Topics.DISPATCH, Duration.ofSeconds(10)).stream()
                    .map(i -> new TopicPartition(Topics.DISPATCH, i.partition())).toList();
            consumer.assign(tps);
            consumer.seekToBeginning(tps);
            Map<TopicPartition, Long> end = consumer.endOffsets(tps);
            while (tps.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    byCase.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(CaseEvents.eventName(r));
                }
            }
        }
        return byCase;
    }

    // --- the instances' logs ----------------------------------------------------------------------------------

    /** Case codes an instance dispatched a team to or queued, with how many times (Dispatcher's INFO lines). */
    private static Map<String, Long> decidedCases(Path log) throws IOException {
        Pattern decided = Pattern.compile("Case (E2E2-C\\d+)(?:: team | queued)");
        return Files.readAllLines(log, StandardCharsets.UTF_8).stream().map(decided::matcher)
                .filter(Matcher::find).map(m -> m.group(1))
                .collect(Collectors.groupingBy(c -> c, Collectors.counting()));
    }

    private static Set<String> codes(List<CallReceived> calls) {
        return calls.stream().map(CallReceived::caseCode).collect(Collectors.toSet());
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> u = new HashSet<>(a);
        u.addAll(b);
        return u;
    }

    // --- the database -----------------------------------------------------------------------------------------

    private static Connection connect() throws SQLException {
        PostgresServer.Database db = stack.database(SERVICE);
        return DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
    }

    /** An AVAILABLE Lái Thiêu team with a medic, as the teams API would store it. */
    private static void insertAvailableTeam(String code) throws SQLException {
        try (Connection db = connect(); PreparedStatement st = db.prepareStatement("""
                insert into team (id, code, name, province_code, home_district_code, covered_ward_codes, medical_staff,
                                  vehicle, status)
                values (?, ?, ?, ?, ?, ?, 1, 'AMBULANCE', 'AVAILABLE')
                """)) {
            st.setObject(1, UUID.randomUUID());
            st.setString(2, code);
            st.setString(3, "Tổ " + code);
            st.setString(4, SampleEvents.BINH_DUONG);
            st.setString(5, SampleEvents.THUAN_AN);
            st.setArray(6, db.createArrayOf("text", new Object[] { SampleEvents.LAI_THIEU }));
            st.executeUpdate();
        }
    }

    private static long queryLong(String sql) throws SQLException {
        try (Connection db = connect(); PreparedStatement st = db.prepareStatement(sql);
                ResultSet rs = st.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Set<UUID> queryUuids(String sql) throws SQLException {
        Set<UUID> found = new HashSet<>();
        try (Connection db = connect(); PreparedStatement st = db.prepareStatement(sql);
                ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                found.add(rs.getObject(1, UUID.class));
            }
        }
        return found;
    }
}
