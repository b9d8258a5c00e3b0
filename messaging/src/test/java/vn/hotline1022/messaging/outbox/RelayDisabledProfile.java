package vn.hotline1022.messaging.outbox;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** The application's own relay stays off, so the test alone decides which relays run. */
public class RelayDisabledProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("hotline.messaging.outbox.relay-enabled", "false");
    }
}
