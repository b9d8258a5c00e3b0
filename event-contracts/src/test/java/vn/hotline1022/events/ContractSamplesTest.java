package vn.hotline1022.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import vn.hotline1022.text.PhoneNumbers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Pins the wire format. Each event has a checked-in sample; any change to a record that is not reflected in its
 * sample fails here, so a contract change is always a deliberate, reviewed diff of a JSON file.
 */
class ContractSamplesTest {

    /** The production mapping, made strict: anything the sample and the record disagree on is an error. */
    private static final ObjectMapper STRICT = EventJson.mapper().copy()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
            .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true)
            .configure(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES, true)
            .configure(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES, true);

    @ParameterizedTest(name = "{0}")
    @EnumSource(EventType.class)
    void everyEventTypeHasASample(EventType type) {
        assertThat(Samples.read(type))
                .as("missing sample src/test/resources%s", Samples.resourceName(type))
                .isNotNull();
    }

    /**
     * The phone form on the wire is the national one of {@code vn.hotline1022.text.PhoneNumbers} (see {@code Caller}): consumers that compare
     * numbers (notification's opt-out, relief's households) must be tested with this form, not another.
     */
    @Test
    void callReceivedCarriesThePhoneInTheNationalFormIntakeSends() throws IOException {
        JsonNode sample = STRICT.readTree(Samples.require(EventType.CALL_RECEIVED));
        String phone = sample.at("/caller/phone").asText();
        assertThat(phone).matches("0[1-9]\\d{8,9}");
        assertThat(PhoneNumbers.normalise(phone)).as("the canonical form is its own normal form").contains(phone);
    }

    @Test
    void everySampleIsACataloguedEventType() throws IOException, URISyntaxException {
        Path dir = Path.of(ContractSamplesTest.class.getResource(Samples.DIR).toURI());
        Set<String> expected = Arrays.stream(EventType.values())
                .map(t -> t.ceType() + ".json")
                .collect(Collectors.toCollection(TreeSet::new));
        try (Stream<Path> files = Files.list(dir)) {
            Set<String> found = files.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
            assertThat(found).as("samples without an EventType (stale or misnamed)").isSubsetOf(expected);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(EventType.class)
    void sampleReadsStrictlyAndWritesBackUnchanged(EventType type) throws IOException {
        String json = Samples.require(type);
        JsonNode sample = STRICT.readTree(json);

        HotlineEvent event = null;
        try {
            event = STRICT.readValue(json, type.recordClass());
        } catch (JsonProcessingException e) {
            fail("%s no longer reads its sample (field removed, renamed or retyped?): %s",
                    type.ceType(), e.getOriginalMessage());
        }
        JsonNode written = STRICT.readTree(EventJson.toJson(event));

        assertThat(differences(sample, written, "$"))
                .as("%s: re-serialised JSON differs from the sample", type.ceType())
                .isEmpty();
        assertThat(written).isEqualTo(sample);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(EventType.class)
    void sampleFieldsAreExactlyTheRecordComponents(EventType type) throws IOException {
        JsonNode sample = STRICT.readTree(Samples.require(type));
        List<String> problems = new ArrayList<>();
        compareWithComponents(type.recordClass(), sample, type.recordClass().getSimpleName(), problems);
        assertThat(problems).as("%s sample vs %s", type.ceType(), type.recordClass().getName()).isEmpty();
    }

    /** Walks record components recursively, into nested records and collections of records. */
    private static void compareWithComponents(Class<?> recordClass, JsonNode node, String path, List<String> problems) {
        if (node == null || !node.isObject()) {
            problems.add(path + ": expected a JSON object for " + recordClass.getSimpleName() + " but was " + node);
            return;
        }
        RecordComponent[] components = recordClass.getRecordComponents();
        Set<String> componentNames = Arrays.stream(components)
                .map(RecordComponent::getName)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        Set<String> sampleNames = fieldNames(node);

        for (String name : componentNames) {
            if (!sampleNames.contains(name)) {
                problems.add(path + "." + name + ": component of " + recordClass.getSimpleName()
                        + " is missing from the sample (added to the record without updating the sample?)");
            }
        }
        for (String name : sampleNames) {
            if (!componentNames.contains(name)) {
                problems.add(path + "." + name + ": in the sample but not a component of "
                        + recordClass.getSimpleName() + " (removed or renamed?)");
            }
        }
        for (RecordComponent component : components) {
            JsonNode child = node.get(component.getName());
            if (child == null) {
                continue;
            }
            String childPath = path + "." + component.getName();
            Class<?> type = component.getType();
            if (type.isRecord()) {
                compareWithComponents(type, child, childPath, problems);
            } else if (Collection.class.isAssignableFrom(type)) {
                if (!child.isArray() || child.isEmpty()) {
                    problems.add(childPath + ": must be a non-empty array in the sample so its elements are checked");
                    continue;
                }
                Class<?> element = elementType(component.getGenericType());
                if (element != null && element.isRecord()) {
                    for (int i = 0; i < child.size(); i++) {
                        compareWithComponents(element, child.get(i), childPath + "[" + i + "]", problems);
                    }
                }
            }
        }
    }

    private static Class<?> elementType(Type genericType) {
        if (genericType instanceof ParameterizedType p && p.getActualTypeArguments()[0] instanceof Class<?> c) {
            return c;
        }
        return null;
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new LinkedHashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** Path-by-path differences, so a failure names the field rather than dumping two documents. */
    static List<String> differences(JsonNode expected, JsonNode actual, String path) {
        List<String> out = new ArrayList<>();
        if (expected.isObject() && actual.isObject()) {
            Set<String> names = new TreeSet<>(fieldNames(expected));
            names.addAll(fieldNames(actual));
            for (String name : names) {
                JsonNode e = expected.get(name);
                JsonNode a = actual.get(name);
                if (a == null) {
                    out.add(path + "." + name + ": in the sample but not written (removed, renamed or null?)");
                } else if (e == null) {
                    out.add(path + "." + name + ": written but not in the sample (new field? add it to the sample)");
                } else {
                    out.addAll(differences(e, a, path + "." + name));
                }
            }
        } else if (expected.isArray() && actual.isArray()) {
            if (expected.size() != actual.size()) {
                out.add(path + ": sample has " + expected.size() + " elements, written " + actual.size());
            }
            Iterator<JsonNode> e = expected.elements();
            Iterator<JsonNode> a = actual.elements();
            for (int i = 0; e.hasNext() && a.hasNext(); i++) {
                out.addAll(differences(e.next(), a.next(), path + "[" + i + "]"));
            }
        } else if (!expected.equals(actual)) {
            out.add(path + ": sample has " + expected + " (" + expected.getNodeType() + "), written "
                    + actual + " (" + actual.getNodeType() + ")");
        }
        return out;
    }
}
