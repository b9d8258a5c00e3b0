package vn.hotline1022.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import static vn.hotline1022.e2e.Manifests.*;

/**
 * Compose starts only with what the operator chose: the realm it imports has no demo user, password grant, any-origin
 * client or secret value (the demo realm is {@code ./hotline run}'s alone), and nothing starts before a check has
 * refused every secret left empty, at a known value or too short to be random.
 */
class ComposeDefaultsTest {

    /** The realm compose imports, generated from the demo realm by k8s/tools/generate-production.py. */
    static final String COMPOSE_REALM_FILE = "deploy/keycloak/realm-hotline1022.json";
    /** Compose's one-shot service that refuses known or weak secrets; everything else waits for it to succeed. */
    static final String SECRETS_CHECK = "secrets-check";
    static final String SECRETS_CHECK_SCRIPT = "deploy/check-secrets.sh";
    /** The script's separator: the names after it may be empty (an optional provider's key, its feature off). */
    static final String OPTIONAL = "--optional";
    /** A secret among compose's variables: a password, secret or salt, or a provider's token. */
    static final Pattern SECRET_VARIABLE = Pattern.compile("(?i).*(PASSWORD|SECRET|SALT|TOKEN).*");
    static final Pattern PLACEHOLDER = Pattern.compile("^\\$\\{([A-Z][A-Z0-9_]*)}");

    @BeforeAll
    static void load() throws Exception {
        Manifests.load();
    }

    @Test
    void composeImportsTheGeneratedRealmNeverTheDemoRealm() {
        assertThat(scalars(compose)).as("docker-compose.yml (the demo realm is for ./hotline run only)")
                .noneMatch(v -> v.contains(OIDC_REALM_FILE));
        Map<String, Object> kc = map(composeServices().get("keycloak"), "keycloak");
        assertThat(list(kc.get("volumes"), "keycloak volumes").stream().map(String::valueOf))
                .anyMatch(v -> v.startsWith("./" + COMPOSE_REALM_FILE + ":/opt/keycloak/data/import/"));
    }

    @Test
    void composeRealmHasNoDemoUserPasswordGrantOpenOriginOrSecretValue() throws IOException {
        String text = Files.readString(root.resolve(COMPOSE_REALM_FILE));
        Map<String, Object> realm = json(COMPOSE_REALM_FILE);
        Map<String, String> kcEnv = rawEnvironment("keycloak");

        for (Object u : list(realm.getOrDefault("users", List.of()), "users")) {
            Map<String, Object> user = map(u, "user");
            assertThat(optionalList(user.get("credentials"))).as("credentials of user " + user.get("username"))
                    .isEmpty();
            assertThat(user.get("serviceAccountClientId")).as("user " + user.get("username")
                    + ": only clients' service accounts, never a person").isNotNull();
        }
        for (Object c : list(realm.get("clients"), "clients")) {
            Map<String, Object> client = map(c, "client");
            String id = String.valueOf(client.get("clientId"));
            assertThat(client.get("directAccessGrantsEnabled")).as(id + " password grant").isNotEqualTo(true);
            for (String key : List.of("webOrigins", "redirectUris")) {
                for (Object o : optionalList(client.get(key))) {
                    // Keycloak fills ${HOTLINE_CONSOLE_ORIGIN} from compose's environment at import.
                    assertThat(String.valueOf(o)).as(id + " " + key).startsWith("${HOTLINE_CONSOLE_ORIGIN}")
                            .doesNotContain("localhost", "127.0.0.1");
                    assertThat(kcEnv).as("keycloak environment").containsKey("HOTLINE_CONSOLE_ORIGIN");
                }
            }
            if (client.containsKey("secret")) {
                Matcher placeholder = PLACEHOLDER.matcher(String.valueOf(client.get("secret")));
                assertThat(placeholder.matches()).as(id + " secret is a ${VAR} placeholder, never a value").isTrue();
                String variable = placeholder.group(1);
                assertThat(kcEnv.get(variable)).as("keycloak passes " + variable + " from .env")
                        .matches(REQUIRED_REFERENCE).startsWith("${" + variable + ":?");
                assertThat(checkedNames(false)).as(SECRETS_CHECK + " checks " + variable).contains(variable);
            }
        }
        // No value of the demo realm's users' passwords or clients' secrets survives, anywhere in the file.
        for (String secret : demoRealmSecrets()) {
            assertThat(text).as(COMPOSE_REALM_FILE).doesNotContain("\"" + secret + "\"");
        }
        assertThat(text).as(COMPOSE_REALM_FILE).doesNotContain("local-demo-", "\"credentials\"", "\"*\"");
    }

    @Test
    void composeStartsEveryServiceOnlyAfterTheSecretsCheckSucceeded() {
        composeServices().forEach((name, value) -> {
            if (!name.equals(SECRETS_CHECK)) {
                Map<String, Object> dependsOn = map(map(value, name).get("depends_on"), name + " depends_on");
                assertThat(map(dependsOn.get(SECRETS_CHECK), name + " → " + SECRETS_CHECK).get("condition"))
                        .as(name + " → " + SECRETS_CHECK).isEqualTo("service_completed_successfully");
            }
        });
        Map<String, Object> check = map(composeServices().get(SECRETS_CHECK), SECRETS_CHECK);
        assertThat(list(check.get("entrypoint"), SECRETS_CHECK + " entrypoint"))
                .containsExactly("sh", "/hotline/check-secrets.sh");
        assertThat(list(check.get("volumes"), SECRETS_CHECK + " volumes"))
                .contains("./" + SECRETS_CHECK_SCRIPT + ":/hotline/check-secrets.sh:ro");
        assertThat(check).as(SECRETS_CHECK + " publishes nothing").doesNotContainKey("ports");
    }

    /** Every secret compose reads is checked: required where compose requires it, optional where it may be empty. */
    @Test
    void theSecretsCheckCoversEverySecretComposeReads() {
        Set<String> required = new TreeSet<>();
        Set<String> optional = new TreeSet<>();
        Pattern reference = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(:?[?-])?");
        for (String value : scalars(compose)) {
            Matcher m = reference.matcher(value);
            while (m.find()) {
                if (SECRET_VARIABLE.matcher(m.group(1)).matches()) {
                    (m.group(2) != null && m.group(2).endsWith("?") ? required : optional).add(m.group(1));
                }
            }
        }
        optional.removeAll(required);
        assertThat(required).as("secrets compose requires").contains("POSTGRES_PASSWORD", "KEYCLOAK_ADMIN_PASSWORD");
        assertThat(checkedNames(false)).as(SECRETS_CHECK + " required names")
                .containsExactlyInAnyOrderElementsOf(required);
        assertThat(checkedNames(true)).as(SECRETS_CHECK + " optional names")
                .containsExactlyInAnyOrderElementsOf(optional);
        Map<String, String> env = rawEnvironment(SECRETS_CHECK);
        required.forEach(v -> assertThat(env.get(v)).as(SECRETS_CHECK + " " + v).startsWith("${" + v + ":?"));
        optional.forEach(v -> assertThat(env.get(v)).as(SECRETS_CHECK + " " + v).isEqualTo("${" + v + ":-}"));
    }

    @ParameterizedTest(name = "refuses \"{0}\"")
    @ValueSource(strings = { "change-me", "change-me-to-something-long-enough", "local-demo-recipient-code-secret",
            "dev-only-opt-out-salt", "0123456789abcde", "" })
    void theSecretsCheckRefusesKnownDefaultsAndShortValues(String value) throws Exception {
        Run run = check(Map.of("HOTLINE_TEST_SECRET", value), "HOTLINE_TEST_SECRET");
        assertThat(run.exit()).as("exit of the check with \"" + value + "\":\n" + run.output()).isEqualTo(1);
        assertThat(run.output()).as("names the variable").contains("HOTLINE_TEST_SECRET");
        if (!value.isEmpty()) {
            assertThat(run.output()).as("never prints the value").doesNotContain(value);
        }
    }

    @Test
    void theSecretsCheckAcceptsRandomValuesAndEmptyOptionalOnesAndNamesEveryProblem() throws Exception {
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String secret = Base64.getEncoder().encodeToString(random); // 32 characters
        Run ok = check(Map.of("HOTLINE_TEST_SECRET", secret, "HOTLINE_TEST_TOKEN", ""), "HOTLINE_TEST_SECRET",
                OPTIONAL, "HOTLINE_TEST_TOKEN");
        assertThat(ok.exit()).as("a random 32-character value, an empty optional one:\n" + ok.output()).isZero();
        assertThat(ok.output()).doesNotContain(secret);

        Run optionalSet = check(Map.of("HOTLINE_TEST_TOKEN", "change-me"), OPTIONAL, "HOTLINE_TEST_TOKEN");
        assertThat(optionalSet.exit()).as("an optional one set to the placeholder").isEqualTo(1);

        Run unset = check(Map.of(), "HOTLINE_TEST_UNSET_SECRET");
        assertThat(unset.exit()).as("an unset variable").isEqualTo(1);

        Run two = check(Map.of("HOTLINE_TEST_A", "change-me", "HOTLINE_TEST_B", "short"), "HOTLINE_TEST_A",
                "HOTLINE_TEST_B");
        assertThat(two.exit()).isEqualTo(1);
        assertThat(two.output()).as("every problem at once").contains("HOTLINE_TEST_A", "HOTLINE_TEST_B");
    }

    // ------------------------------------------------------------------------------------------------------ helpers

    private record Run(int exit, String output) {
    }

    /** Runs deploy/check-secrets.sh with POSIX sh, as the compose service does, with only these variables set. */
    private static Run check(Map<String, String> variables, String... names) throws Exception {
        List<String> command = new ArrayList<>(List.of("sh", root.resolve(SECRETS_CHECK_SCRIPT).toString()));
        command.addAll(List.of(names));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(k -> k.startsWith("HOTLINE_TEST_"));
        builder.environment().putAll(variables);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("the check finished").isTrue();
        return new Run(process.exitValue(), output);
    }

    /** The names the compose service checks: before {@link #OPTIONAL} (required) or after it. */
    private static List<String> checkedNames(boolean optional) {
        List<String> args = list(map(composeServices().get(SECRETS_CHECK), SECRETS_CHECK).get("command"),
                SECRETS_CHECK + " command").stream().map(String::valueOf).toList();
        int separator = args.indexOf(OPTIONAL);
        if (separator < 0) {
            return optional ? List.of() : args;
        }
        return optional ? args.subList(separator + 1, args.size()) : args.subList(0, separator);
    }

    /** A compose service's environment as written (references not interpolated). */
    private static Map<String, String> rawEnvironment(String service) {
        Map<String, String> env = new LinkedHashMap<>();
        map(map(composeServices().get(service), service).get("environment"), service + " environment")
                .forEach((k, v) -> env.put(k, String.valueOf(v)));
        return env;
    }

    /** The demo realm's users' passwords and clients' secrets. */
    private static Set<String> demoRealmSecrets() throws IOException {
        Map<String, Object> demo = json(OIDC_REALM_FILE);
        Set<String> secrets = new TreeSet<>();
        for (Object c : list(demo.get("clients"), "demo clients")) {
            Object secret = map(c, "demo client").get("secret");
            if (secret != null) {
                secrets.add(String.valueOf(secret));
            }
        }
        for (Object u : list(demo.get("users"), "demo users")) {
            for (Object credential : optionalList(map(u, "demo user").get("credentials"))) {
                secrets.add(String.valueOf(map(credential, "credential").get("value")));
            }
        }
        assertThat(secrets).as("secrets of the demo realm (guards the check above)").isNotEmpty();
        return secrets;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(String file) throws IOException {
        return new ObjectMapper().readValue(root.resolve(file).toFile(), Map.class);
    }

    private static List<Object> optionalList(Object o) {
        return o == null ? List.of() : list(o, "list");
    }
}
