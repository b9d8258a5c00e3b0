package vn.hotline1022.localstack;

import java.util.LinkedHashMap;
import java.util.Map;

import vn.hotline1022.infra.PostgresServer;

/**
 * What a service process of the local stack is told through its environment: its port, database, broker, identity
 * provider, this install's secrets, and the console's origin when it is not the default one. The deployments must set
 * the same ({@code DeploymentManifestsTest} reads this file).
 */
final class ServiceEnvironment {

    private ServiceEnvironment() {
    }

    static Map<String, String> of(String service, int port, PostgresServer.Database db, String kafkaBootstrapServers,
            Map<String, String> secrets, Keycloak keycloak, LocalStack.Options options) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        env.put("QUARKUS_DATASOURCE_JDBC_URL", db.jdbcUrl());
        env.put("QUARKUS_DATASOURCE_USERNAME", db.username());
        env.put("QUARKUS_DATASOURCE_PASSWORD", db.password());
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrapServers);
        // Every browser and test of the local stack is one client (127.0.0.1): a client budget fit for one machine.
        env.put("HOTLINE_GUESS_BUDGET_CLIENT_FREE", "1000");
        env.put("HOTLINE_GUESS_BUDGET_CLIENT_MAX", "5000");
        // This install's own random secrets (the services refuse to start without them).
        env.putAll(secrets);
        if (keycloak != null) {
            env.put("QUARKUS_OIDC_AUTH_SERVER_URL", keycloak.issuer());
        }
        if (options.consolePort() > 0 && options.consolePort() != LocalStack.CONSOLE_PORT) {
            // The browser calls the APIs from the console's origin; the services' default is port 8080's.
            env.put("QUARKUS_HTTP_CORS_ORIGINS", "http://localhost:" + options.consolePort() + ",http://127.0.0.1:"
                    + options.consolePort());
        }
        if (service.equals(LocalStack.OPS_SERVICE)) {
            // ops-service watches the others' health and outbox where they really listen.
            StringBuilder urls = new StringBuilder();
            options.ports().forEach((name, servicePort) -> {
                if (!name.equals(LocalStack.OPS_SERVICE)) {
                    urls.append(urls.isEmpty() ? "" : ",").append(name).append("=http://localhost:").append(servicePort);
                }
            });
            env.put("HOTLINE_OPS_SERVICE_URLS", urls.toString());
        }
        env.putAll(options.extraEnv());
        return env;
    }

    /**
     * The console's environment: where Keycloak and the APIs are as the browser sees them ({@code urls}: each running
     * service's address). A page whose service is not running says it cannot reach it.
     */
    static Map<String, String> ofConsole(int port, String issuer, Map<String, String> urls) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        env.put("HOTLINE_CONSOLE_ISSUER", issuer);
        env.put("HOTLINE_CONSOLE_INTAKE_URL", urls.get("intake-service"));
        env.put("HOTLINE_CONSOLE_REFERRAL_URL", urls.get("referral-service"));
        env.put("HOTLINE_CONSOLE_DISPATCH_URL", urls.get("dispatch-service")); // board, team app, zone map
        env.put("HOTLINE_CONSOLE_RELIEF_URL", urls.get("relief-service")); // run sheets
        env.put("HOTLINE_CONSOLE_OPS_URL", urls.get("ops-service")); // the operators' page
        env.values().removeIf(java.util.Objects::isNull); // not running: the console's default, unreachable
        return env;
    }
}
