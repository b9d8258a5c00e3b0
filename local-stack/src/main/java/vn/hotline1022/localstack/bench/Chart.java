package vn.hotline1022.localstack.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.imageio.ImageIO;

/**
 * The run in one picture: accepted calls per second and the services' total consumer lag over time (top), and each
 * stage's p50 and p99 against the bare Kafka round trip (bottom). Drawn with Java2D, headless.
 */
final class Chart {

    private static final int W = 960;
    private static final int H = 640;
    private static final Color CALLS = new Color(0x1f77b4);
    private static final Color LAG = new Color(0xd62728);
    private static final Color P50 = new Color(0x2ca02c);
    private static final Color P99 = new Color(0xff7f0e);

    private Chart() {
    }

    static void write(Path file, Map<Integer, Integer> acceptedPerSecond, Map<Integer, Long> lag,
            Map<String, Latencies> stages, Latencies kafka) throws IOException {
        System.setProperty("java.awt.headless", "true");
        BufferedImage image = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, W, H);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        timeSeries(g, 60, 30, W - 120, 250, acceptedPerSecond, lag);
        bars(g, 60, 350, W - 120, 250, stages, kafka);
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
    }

    private static void timeSeries(Graphics2D g, int x, int y, int w, int h, Map<Integer, Integer> calls,
            Map<Integer, Long> lag) {
        int seconds = Math.max(1, Math.max(last(calls), last(lag)));
        double maxCalls = Math.max(1, calls.values().stream().mapToInt(Integer::intValue).max().orElse(1));
        double maxLag = Math.max(1, lag.values().stream().mapToLong(Long::longValue).max().orElse(1));
        frame(g, x, y, w, h, "Accepted calls/s (blue, left, max %.0f) and total consumer lag (red, right, max %.0f)"
                .formatted(maxCalls, maxLag));
        line(g, x, y, w, h, seconds, maxCalls, toDouble(calls), CALLS);
        Map<Integer, Double> lagD = new LinkedHashMap<>();
        lag.forEach((k, v) -> lagD.put(k, v.doubleValue()));
        line(g, x, y, w, h, seconds, maxLag, lagD, LAG);
        g.setColor(Color.DARK_GRAY);
        g.drawString("0 s", x, y + h + 15);
        g.drawString(seconds + " s", x + w - 30, y + h + 15);
    }

    private static void bars(Graphics2D g, int x, int y, int w, int h, Map<String, Latencies> stages,
            Latencies kafka) {
        Map<String, Latencies> all = new LinkedHashMap<>(stages);
        all.put("kafka round trip", kafka);
        double max = all.values().stream().mapToDouble(Latencies::p99).filter(d -> !Double.isNaN(d)).max()
                .orElse(1);
        frame(g, x, y, w, h, "p50 (green) and p99 (orange) per stage, CallReceived → first event; max %s"
                .formatted(Latencies.ms(max)));
        int slot = w / all.size();
        int i = 0;
        for (Map.Entry<String, Latencies> e : all.entrySet()) {
            int bx = x + i * slot + slot / 4;
            bar(g, bx, y, h, slot / 4, e.getValue().p50(), max, P50);
            bar(g, bx + slot / 4, y, h, slot / 4, e.getValue().p99(), max, P99);
            g.setColor(Color.DARK_GRAY);
            g.drawString(e.getKey(), x + i * slot + 10, y + h + 15);
            i++;
        }
    }

    private static void bar(Graphics2D g, int x, int y, int h, int w, double value, double max, Color color) {
        if (Double.isNaN(value)) {
            return;
        }
        int bh = (int) Math.round(value / max * (h - 20));
        g.setColor(color);
        g.fillRect(x, y + h - bh, w - 2, bh);
    }

    private static void frame(Graphics2D g, int x, int y, int w, int h, String title) {
        g.setColor(Color.LIGHT_GRAY);
        g.drawRect(x, y, w, h);
        g.setColor(Color.BLACK);
        g.drawString(title, x, y - 8);
    }

    private static void line(Graphics2D g, int x, int y, int w, int h, int seconds, double max,
            Map<Integer, Double> points, Color color) {
        g.setColor(color);
        g.setStroke(new BasicStroke(2f));
        int[] previous = null;
        for (int s = 0; s <= seconds; s++) {
            Double v = points.get(s);
            if (v == null) {
                continue;
            }
            int[] p = { x + (int) Math.round((double) s / seconds * w), y + h - (int) Math.round(v / max * h) };
            if (previous != null) {
                g.drawLine(previous[0], previous[1], p[0], p[1]);
            }
            previous = p;
        }
        g.setStroke(new BasicStroke(1f));
    }

    private static Map<Integer, Double> toDouble(Map<Integer, Integer> m) {
        Map<Integer, Double> d = new LinkedHashMap<>();
        m.forEach((k, v) -> d.put(k, v.doubleValue()));
        return d;
    }

    private static int last(Map<Integer, ?> m) {
        return m.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
    }
}
