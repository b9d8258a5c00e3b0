package vn.hotline1022.intake;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** The fake Zalo OA's API on a loopback port, and intake configured as the hotline's OA: its app, key and token. */
public class ZaloOaResource implements QuarkusTestResourceLifecycleManager {

    private FakeZaloOa oa;

    @Override
    public Map<String, String> start() {
        oa = new FakeZaloOa();
        return Map.of(
                "hotline.intake.zalo.app-id", FakeZaloOa.APP_ID,
                "hotline.intake.zalo.secret-key", FakeZaloOa.SECRET_KEY,
                "hotline.intake.zalo.access-token", FakeZaloOa.ACCESS_TOKEN,
                "hotline.intake.zalo.api-url", oa.url().toString(),
                "hotline.intake.zalo.send-every", "200ms",
                "hotline.intake.zalo.reply-attempts", "3",
                "hotline.intake.zalo.reply-timeout", "2s");
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(oa, new TestInjector.MatchesType(FakeZaloOa.class));
    }

    @Override
    public void stop() {
        if (oa != null) {
            oa.close();
        }
    }
}
