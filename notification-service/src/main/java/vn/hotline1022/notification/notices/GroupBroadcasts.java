package vn.hotline1022.notification.notices;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import vn.hotline1022.events.CaseEvent;
import vn.hotline1022.events.intake.CaseEscalated;
import vn.hotline1022.events.intake.DailySummaryIssued;
import vn.hotline1022.events.intake.ZoneStatusChanged;
import vn.hotline1022.notification.NotificationConfig;
import vn.hotline1022.notification.NotificationConfig.Topic;

/** Which configured groups hear of an event: those that follow its topic and cover its place. */
final class GroupBroadcasts {

    /** What an event is to groups, and where: {@code ward} null for a whole district's news. */
    record Place(Topic topic, String district, String ward) {
    }

    private GroupBroadcasts() {
    }

    static Optional<Place> placeOf(CaseEvent event) {
        if (event instanceof SubjectNotice s && s.event() instanceof ZoneStatusChanged z) {
            return Optional.of(new Place(Topic.ZONE_CHANGES, z.districtCode(), z.wardCode()));
        }
        if (event instanceof SubjectNotice s && s.event() instanceof DailySummaryIssued d) {
            return Optional.of(new Place(Topic.DAILY_SUMMARIES, d.districtCode(), null));
        }
        if (event instanceof CaseEscalated c && c.location() != null) {
            return Optional.of(new Place(Topic.SLA_BREACHES, c.location().districtCode(), c.location().wardCode()));
        }
        return Optional.empty();
    }

    /** The names of the groups that hear of {@code place}, in name order; a group without areas hears nothing. */
    static List<String> groupsFor(Map<String, NotificationConfig.Group> groups, Place place) {
        return groups.entrySet().stream()
                .filter(g -> g.getValue().topics().contains(place.topic()))
                .filter(g -> covers(g.getValue().areas().orElse(List.of()), place))
                .map(Map.Entry::getKey).sorted().toList();
    }

    private static boolean covers(List<String> areas, Place place) {
        return areas.stream().map(String::strip).anyMatch(a -> a.equals("*")
                || a.equals(place.district()) || (place.ward() != null && a.equals(place.ward())));
    }
}
