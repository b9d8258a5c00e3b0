package vn.hotline1022.notification;

import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Group channels on real local servers (FakeGroupChannels) and notification configured with four groups: the
 * province's steering committee on Zalo (everywhere, every topic), Lái Thiêu's community team by signed webhook (its
 * ward; zone changes and SLA breaches), Thuận An's daily figures by unsigned webhook (its district; summaries only),
 * and a group with no areas (hears nothing). Quiet hours are set around the test's own time, so that what must wait
 * for the morning is seen waiting.
 */
public class GroupsResource implements QuarkusTestResourceLifecycleManager {

    public static final String WEBHOOK_SECRET = "test-webhook-secret";
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    private FakeGroupChannels channels;

    @Override
    public Map<String, String> start() {
        channels = new FakeGroupChannels();
        LocalTime now = LocalTime.now(ZoneId.of("Asia/Ho_Chi_Minh"));
        Map<String, String> config = new HashMap<>();
        config.put("hotline.notification.zalo.group-url", channels.url("/v3.0/oa/group/message").toString());
        config.put("hotline.notification.zalo.access-token", FakeGroupChannels.ACCESS_TOKEN);
        config.put("hotline.notification.groups.ban-chi-dao-74.channel", "ZALO_GROUP");
        config.put("hotline.notification.groups.ban-chi-dao-74.address", "g-bcd-74");
        config.put("hotline.notification.groups.ban-chi-dao-74.areas", "*");
        config.put("hotline.notification.groups.to-covid-lai-thieu.channel", "WEBHOOK");
        config.put("hotline.notification.groups.to-covid-lai-thieu.address", channels.url("/hooks/lai-thieu").toString());
        config.put("hotline.notification.groups.to-covid-lai-thieu.signing-key", WEBHOOK_SECRET);
        config.put("hotline.notification.groups.to-covid-lai-thieu.areas", "25966");
        config.put("hotline.notification.groups.to-covid-lai-thieu.topics", "ZONE_CHANGES,SLA_BREACHES");
        config.put("hotline.notification.groups.thuan-an-hang-ngay.channel", "WEBHOOK");
        config.put("hotline.notification.groups.thuan-an-hang-ngay.address", channels.url("/hooks/thuan-an").toString());
        config.put("hotline.notification.groups.thuan-an-hang-ngay.areas", "725");
        config.put("hotline.notification.groups.thuan-an-hang-ngay.topics", "DAILY_SUMMARIES");
        config.put("hotline.notification.groups.thuan-an-hang-ngay.signing-key", WEBHOOK_SECRET);
        config.put("hotline.notification.groups.no-area.channel", "WEBHOOK");
        config.put("hotline.notification.groups.no-area.address", channels.url("/hooks/no-area").toString());
        config.put("hotline.notification.groups.no-area.signing-key", WEBHOOK_SECRET);
        config.put("hotline.notification.retry.max-attempts", "4");
        config.put("hotline.notification.retry.initial-backoff", "200ms");
        config.put("hotline.notification.retry.max-backoff", "1s");
        config.put("hotline.notification.sender.poll-interval", "200ms");
        config.put("hotline.notification.quiet-hours.enabled", "true");
        config.put("hotline.notification.quiet-hours.start", HH_MM.format(now.minusHours(1)));
        config.put("hotline.notification.quiet-hours.end", HH_MM.format(now.plusHours(2)));
        return config;
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(channels, new TestInjector.MatchesType(FakeGroupChannels.class));
    }

    @Override
    public void stop() {
        if (channels != null) {
            channels.close();
        }
    }
}
