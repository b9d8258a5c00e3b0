package vn.hotline1022.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import vn.hotline1022.infra.Directories;
import vn.hotline1022.infra.Ports;
import vn.hotline1022.localstack.DemoData;
import vn.hotline1022.localstack.LocalStack;

/**
 * One running system (six service processes, Kafka, PostgreSQL, Keycloak, the console, demo data) shared by every test
 * class that uses this extension: started before the first, stopped after the last, so each page's browser test does
 * not pay a minute of start-up. {@code @ExtendWith(SharedStack.class)}, then {@link #stack()}.
 */
public final class SharedStack implements BeforeAllCallback {

    private static LocalStack stack;
    private static Path home;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        synchronized (SharedStack.class) {
            if (stack != null) {
                return;
            }
            Path root = Path.of(System.getProperty("hotline.root", "..")).toAbsolutePath().normalize();
            home = Files.createTempDirectory("hotline-e2e-");
            Map<String, Integer> ports = new LinkedHashMap<>();
            LocalStack.SERVICES.keySet().forEach(s -> ports.put(s, Ports.free()));
            stack = new LocalStack(new LocalStack.Options(root, home, true, Ports.free(), Ports.free(), Ports.free(),
                    ports, 4, Map.of(), System.out).withKeycloakAndConsole(Ports.free(), Ports.free())).start();
            new DemoData(stack, System.out).load();
            // Closed once the whole run is over, after the last class that used it.
            context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).put(SharedStack.class.getName(),
                    (ExtensionContext.Store.CloseableResource) SharedStack::stop);
        }
    }

    public static LocalStack stack() {
        if (stack == null) {
            throw new IllegalStateException("@ExtendWith(SharedStack.class) starts the system first");
        }
        return stack;
    }

    private static synchronized void stop() {
        if (stack != null) {
            stack.close();
            stack = null;
        }
        Directories.deleteQuietly(home);
    }
}
