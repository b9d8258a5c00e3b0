package vn.hotline1022.commons.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

class GuessBudgetTest {

    /** A clock the test moves by hand. */
    private static final class HandClock extends Clock {
        Instant now = Instant.parse("2021-08-01T02:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        void pass(Duration d) {
            now = now.plus(d);
        }
    }

    private final HandClock clock = new HandClock();
    private final GuessBudget budget = new GuessBudget(new GuessBudget.Allowance(3, 6, Duration.ofHours(1)),
            new GuessBudget.Allowance(5, 8, Duration.ofHours(1)), clock);

    @Test
    void aPhoneGetsItsFreeAttemptsThenSlowsDownThenIsRefusedUntilItsWindowEnds() {
        for (int i = 0; i < 3; i++) {
            assertThat(budget.spend("opt-out", "0912345678", "client-" + i)).isEmpty();
        }
        // The fourth must wait 1 s, the fifth 2 s, the sixth 4 s: too soon is refused and not counted.
        assertThat(budget.spend("opt-out", "0912345678", "client-9")).hasValue(1);
        clock.pass(Duration.ofSeconds(1));
        assertThat(budget.spend("opt-out", "0912345678", "client-9")).isEmpty();
        assertThat(budget.spend("opt-out", "0912345678", "client-9")).hasValue(2);
        clock.pass(Duration.ofSeconds(2));
        assertThat(budget.spend("opt-out", "0912345678", "client-9")).isEmpty();
        clock.pass(Duration.ofSeconds(4));
        assertThat(budget.spend("opt-out", "0912345678", "client-9")).isEmpty();
        // Six attempts: refused until the hour that began with the first is over, however long it waits.
        clock.pass(Duration.ofMinutes(30));
        OptionalLong wait = budget.spend("opt-out", "0912345678", "client-9");
        assertThat(wait).isPresent();
        assertThat(wait.getAsLong()).isBetween(1700L, 1800L);
        clock.pass(Duration.ofMinutes(30));
        assertThat(budget.spend("opt-out", "0912345678", "client-9")).isEmpty();
    }

    @Test
    void aClientTryingManyPhonesIsStoppedByItsOwnBudget() {
        for (int i = 0; i < 5; i++) {
            assertThat(budget.spend("tracking", "091234567" + i, "2001:db8::/64")).isEmpty();
        }
        assertThat(budget.spend("tracking", "0987654321", "2001:db8::/64")).hasValue(1);
        // Another client, another phone: untouched; another door keeps its own count.
        assertThat(budget.spend("tracking", "0987654321", "203.0.113.7")).isEmpty();
        assertThat(budget.spend("opt-out", "0987654321", "2001:db8::/64")).isEmpty();
    }
}
