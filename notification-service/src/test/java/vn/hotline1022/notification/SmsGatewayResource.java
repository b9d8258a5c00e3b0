package vn.hotline1022.notification;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Points the application under test at a {@link FakeSmsGateway}: citizens are reached by SMS, end to end. */
public class SmsGatewayResource implements QuarkusTestResourceLifecycleManager {

    private FakeSmsGateway gateway;

    @Override
    public Map<String, String> start() {
        gateway = new FakeSmsGateway();
        return Map.of(
                "hotline.notification.channel", "sms",
                "hotline.notification.sms.url", gateway.url().toString(),
                "hotline.notification.sms.api-key", FakeSmsGateway.API_KEY,
                "hotline.notification.sms.timeout", "2s");
    }

    @Override
    public void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }
}
