package vn.hotline1022.ops.alerts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

import vn.hotline1022.messaging.sql.Jdbc;

/** An alert: open while its rule's condition holds for its subject, then resolved (a row of {@code alert}). */
public class Alert {

    public enum State {
        OPEN, RESOLVED
    }

    static final String COLUMNS = "id, rule, subject, severity, state, detail, raised_at, resolved_at";

    public UUID id;
    public String rule;
    public String subject;
    public String severity;
    public State state;
    public String detail;
    public Instant raisedAt;
    public Instant resolvedAt;

    static Alert read(ResultSet rs) throws SQLException {
        Alert a = new Alert();
        a.id = rs.getObject("id", UUID.class);
        a.rule = rs.getString("rule");
        a.subject = rs.getString("subject");
        a.severity = rs.getString("severity");
        a.state = State.valueOf(rs.getString("state"));
        a.detail = rs.getString("detail");
        a.raisedAt = Jdbc.instant(rs, "raised_at");
        a.resolvedAt = Jdbc.instant(rs, "resolved_at");
        return a;
    }
}
