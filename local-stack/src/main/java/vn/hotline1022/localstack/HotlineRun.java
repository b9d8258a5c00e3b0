package vn.hotline1022.localstack;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/** {@code ./hotline run}: the whole system on this machine, with demo data, until Ctrl-C. */
public final class HotlineRun {

    private HotlineRun() {
    }

    /**
     * {@code ./hotline run [--reset] [--no-demo] [--no-keycloak] [--full-jit]}: runs until Ctrl-C, then stops everything it
     * started.
     */
    public static void main(String[] args) throws Exception {
        boolean reset = List.of(args).contains("--reset");
        boolean demo = !List.of(args).contains("--no-demo");
        if (List.of(args).contains("--full-jit")) {
            System.setProperty("hotline.jit", "full"); // as in production: slower start, faster under load
        }
        Path root = Path.of(System.getProperty("hotline.root", ".")).toAbsolutePath().normalize();
        LocalStack.Options options = LocalStack.Options.defaults(root, reset);
        if (List.of(args).contains("--no-keycloak")) {
            options = options.withoutKeycloak();
        }
        LocalStack stack = new LocalStack(options);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\n[hotline] Stopping...");
            stack.close();
            System.out.println("[hotline] Stopped. Data kept in " + root.resolve(".hotline")
                    + " (./hotline run --reset starts empty).");
            stopped.countDown();
        }, "hotline-stop"));
        try {
            stack.start();
            if (demo) {
                new DemoData(stack, System.out).load();
            }
        } catch (RuntimeException e) {
            System.err.println("[hotline] Could not start: " + e.getMessage());
            System.exit(1);
        }
        printWelcome(stack);
        stopped.await();
    }

    private static void printWelcome(LocalStack stack) {
        System.out.println();
        System.out.println("Hotline 1022 is running. Ctrl-C stops everything.");
        if (stack.hasConsole()) {
            System.out.println("  Call console           " + stack.consoleUrl() + "  (agent1 / agent1-demo; hospitals: "
                    + stack.consoleUrl() + "/hospital.html as hospital1)");
            System.out.println("  Ops console            " + stack.consoleUrl() + "/ops.html  (ops1: topics, lag, dead "
                    + "letters, case traces, alerts)");
        }
        for (ServiceProcess s : stack.processes()) {
            System.out.printf("  %-22s %s/q/swagger-ui%n", s.name(), s.url());
        }
        System.out.println("  Kafka                  " + stack.kafkaBootstrapServers());
        if (stack.hasKeycloak()) {
            Keycloak kc = stack.keycloak();
            System.out.println("  Keycloak admin console " + kc.adminConsoleUrl() + "  (" + Keycloak.ADMIN_USERNAME
                    + " / " + Keycloak.ADMIN_PASSWORD + ", local demo values)");
            System.out.println("  OIDC issuer            " + kc.issuer());
        }
        System.out.println("  Logs                   " + stack.logs());
        System.out.println();
        String auth = "";
        if (stack.hasKeycloak()) {
            Keycloak kc = stack.keycloak();
            System.out.println("Get a token (demo users: agent1, dispatcher1, team1, hospital1, hospital2, relief1,"
                    + " official.ward1, official.district1, ops1, admin1; password = user name + \"-demo\"):");
            System.out.println("  TOKEN=$(curl -s " + kc.tokenEndpoint() + " -d grant_type=password -d client_id="
                    + Keycloak.E2E_CLIENT + " -d client_secret=" + Keycloak.E2E_CLIENT_SECRET
                    + " -d username=agent1 -d password=agent1-demo | jq -r .access_token)");
            auth = " -H \"Authorization: Bearer $TOKEN\"";
        }
        System.out.println("Try a call:");
        System.out.println("  curl -s -XPOST " + stack.url("intake-service") + "/api/v1/calls" + auth
                + " -H 'Content-Type: application/json' -d @local-stack/src/main/resources/demo/call.json");
        System.out.println("  curl -s " + stack.url("intake-service") + "/api/v1/cases/<code from the answer>" + auth);
    }
}
