package vn.hotline1022.notification.notices;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/** Quiet hours (giờ yên tĩnh), which may span midnight: 21:30–06:30 local time. */
public final class QuietHours {

    private QuietHours() {
    }

    /** The end of the quiet hours {@code now} falls in, or null when {@code now} is not in quiet hours. */
    public static Instant endIfQuiet(Instant now, LocalTime start, LocalTime end, ZoneId zone) {
        if (start.equals(end)) {
            return null;
        }
        ZonedDateTime local = now.atZone(zone);
        LocalTime t = local.toLocalTime();
        boolean overMidnight = start.isAfter(end);
        boolean quiet = overMidnight ? !t.isBefore(start) || t.isBefore(end) : !t.isBefore(start) && t.isBefore(end);
        if (!quiet) {
            return null;
        }
        ZonedDateTime endToday = local.with(end);
        return (endToday.isAfter(local) ? endToday : endToday.plusDays(1)).toInstant();
    }
}
