package vn.hotline1022.testkit;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

import org.jboss.logmanager.ExtLogRecord;

/** Collects the formatted messages (and exceptions) logged under a category while open; "" is every category. */
public final class CapturedLog extends Handler implements AutoCloseable {

    private final Logger logger;
    private final List<String> lines = new CopyOnWriteArrayList<>();

    private CapturedLog(String category) {
        logger = Logger.getLogger(category);
        setLevel(Level.ALL);
        logger.addHandler(this);
    }

    public static CapturedLog of(String category) {
        return new CapturedLog(category);
    }

    public List<String> lines() {
        return lines;
    }

    public String all() {
        return String.join("\n", lines);
    }

    @Override
    public void publish(LogRecord r) {
        String message = r instanceof ExtLogRecord ext ? ext.getFormattedMessage() : format(r);
        lines.add(r.getLevel() + " " + r.getLoggerName() + ": " + message
                + (r.getThrown() == null ? "" : " " + r.getThrown()));
    }

    /** A printf-style JBoss Logging record seen through plain JUL (another class loader's ExtLogRecord). */
    private static String format(LogRecord r) {
        if (r.getParameters() != null && r.getMessage() != null && r.getMessage().contains("%")) {
            try {
                return String.format(r.getMessage(), r.getParameters());
            } catch (RuntimeException e) {
                // not printf after all
            }
        }
        return new SimpleFormatter().formatMessage(r);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
