package vn.hotline1022.messaging.sql;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.sql.Timestamp;

/** Values as native queries return them, whatever type the driver and Hibernate chose. */
public final class SqlValues {

    private SqlValues() {
    }

    /** A {@code timestamptz} column of a native query's row; null stays null. */
    public static Instant instant(Object value) {
        if (value == null || value instanceof Instant) {
            return (Instant) value;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        throw new IllegalStateException("unexpected timestamp type " + value.getClass());
    }
}
