package vn.hotline1022.notification;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import vn.hotline1022.infra.Ports;

/**
 * Real local servers for every provider, and the application under test pointed at them: an HTTP SMS gateway, an HTTP
 * server standing in for Zalo's API, and a GreenMail SMTP server. Citizens are reached by SMS and Zalo; officials of
 * Thuận An (725) and Thủ Dầu Một (718) and ops by e-mail. Retries are quick so that tests see them end.
 */
public class LocalProvidersResource implements QuarkusTestResourceLifecycleManager {

    public static final String THUAN_AN_WARD_OFFICIAL = "lai-thieu@thuanan.binhduong.gov.vn";
    public static final String THUAN_AN_DISTRICT_OFFICIAL = "ubnd@thuanan.binhduong.gov.vn";
    public static final String THU_DAU_MOT_OFFICIAL = "ubnd@thudaumot.binhduong.gov.vn";
    public static final String OPS = "ops@hotline1022.test";
    public static final int MAX_ATTEMPTS = 4;

    private FakeSmsGateway sms;
    private FakeZaloApi zalo;
    private GreenMail smtp;

    @Override
    public Map<String, String> start() {
        sms = new FakeSmsGateway();
        zalo = new FakeZaloApi();
        smtp = new GreenMail(new ServerSetup(Ports.free(), InetAddress.getLoopbackAddress().getHostAddress(), "smtp"));
        smtp.start();
        Map<String, String> config = new HashMap<>();
        config.put("hotline.notification.channel", "sms,zalo");
        config.put("hotline.notification.sms.url", sms.url().toString());
        config.put("hotline.notification.sms.api-key", FakeSmsGateway.API_KEY);
        config.put("hotline.notification.sms.timeout", "2s");
        config.put("hotline.notification.zalo.url", zalo.url().toString());
        config.put("hotline.notification.zalo.access-token", FakeZaloApi.ACCESS_TOKEN);
        config.put("hotline.notification.zalo.timeout", "2s");
        config.put("hotline.notification.officials.725", THUAN_AN_WARD_OFFICIAL + "," + THUAN_AN_DISTRICT_OFFICIAL);
        config.put("hotline.notification.officials.718", THU_DAU_MOT_OFFICIAL);
        config.put("hotline.notification.ops-emails", OPS);
        config.put("hotline.notification.retry.max-attempts", String.valueOf(MAX_ATTEMPTS));
        config.put("hotline.notification.retry.initial-backoff", "200ms");
        config.put("hotline.notification.retry.max-backoff", "1s");
        config.put("hotline.notification.sender.poll-interval", "200ms");
        // Tests run at any hour: quiet hours are proven on their own (ChannelsTest), not through the clock.
        config.put("hotline.notification.quiet-hours.enabled", "false");
        config.put("hotline.notification.rate-limit.per-window", "2");
        config.put("hotline.notification.rate-limit.window", "1h");
        config.put("quarkus.mailer.mock", "false");
        config.put("quarkus.mailer.host", smtp.getSmtp().getBindTo());
        config.put("quarkus.mailer.port", String.valueOf(smtp.getSmtp().getPort()));
        config.put("quarkus.mailer.start-tls", "DISABLED");
        config.put("quarkus.mailer.from", "no-reply@hotline1022.test");
        return config;
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(sms, new TestInjector.MatchesType(FakeSmsGateway.class));
        injector.injectIntoFields(zalo, new TestInjector.MatchesType(FakeZaloApi.class));
        injector.injectIntoFields(smtp, new TestInjector.MatchesType(GreenMail.class));
    }

    @Override
    public void stop() {
        if (sms != null) {
            sms.close();
        }
        if (zalo != null) {
            zalo.close();
        }
        if (smtp != null) {
            smtp.stop();
        }
    }
}
