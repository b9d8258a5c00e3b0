// The ops page's charts, drawn with uPlot (the webjar org.webjars.npm:uplot, loaded by ops.html as window.uPlot):
// messages per second per topic over the last 15 minutes (ops-service's history, then the live samples), and each
// consumer group's lag over the last 15 minutes as ops-service sends it (Group.trend). Times on the axes are
// Vietnam's (Asia/Ho_Chi_Minh).

const { uPlot } = window;
const ZONE = 'Asia/Ho_Chi_Minh';
const WINDOW_S = 15 * 60;
const HEIGHT = 220;
const COLOURS = ['#c62828', '#1565c0', '#2e7d32', '#ef6c00', '#6a1b9a', '#00838f', '#ad1457', '#4e342e', '#558b2f',
  '#283593', '#9e9d24', '#37474f'];

const seconds = (iso) => Date.parse(iso) / 1000;
const clock = new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, hour: '2-digit', minute: '2-digit', second: '2-digit',
  hourCycle: 'h23' });
const time = (s) => (s === null || s === undefined ? '--' : clock.format(new Date(s * 1000)));

/** One uPlot chart in `target`; made again when its series change (uPlot's series are fixed once made). */
class Chart {
  constructor(target) {
    this.target = target;
    this.plot = null;
    this.labels = '';
  }

  draw(labels, data) {
    const key = JSON.stringify(labels);
    if (this.plot && key === this.labels) {
      this.plot.setData(data);
      return;
    }
    this.plot?.destroy();
    this.labels = key;
    this.plot = new uPlot({
      width: this.width(),
      height: HEIGHT,
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), ZONE),
      scales: {
        x: { time: true, range: (u, min, max) => [Math.min(min ?? 0, (max ?? 0) - 60), max ?? 0] }, // a minute at least
        y: { range: (u, min, max) => [0, Math.max(1, (max ?? 0) * 1.1)] },
      },
      axes: [{ values: (u, splits) => splits.map(time) }, { size: 60 }],
      series: [{ label: 'UTC+7', value: (u, s) => time(s) }, ...labels.map((label, i) => ({
        label, stroke: COLOURS[i % COLOURS.length], width: 2, spanGaps: true, points: { show: false },
      }))],
    }, data, this.target); // uPlot writes labels with textContent: names from the API stay text
  }

  width() {
    return Math.max(280, this.target.clientWidth || this.target.parentElement.clientWidth || 600);
  }

  resize() {
    this.plot?.setSize({ width: this.width(), height: HEIGHT });
  }
}

/**
 * Messages per second per topic (ratePerSecond1m), one point per sample; dead-letter topics are left out. It opens
 * with the samples ops-service kept (GET /flow/history, prefill), then each live overview adds one (add).
 */
export class ThroughputChart {
  constructor(target) {
    this.target = target;
    this.chart = new Chart(target);
    this.times = [];
    this.rates = new Map(); // topic -> values, aligned with times
  }

  /** The history's points ({ at, rates: { topic: perSecond } }, oldest first), drawn at once. */
  prefill(points) {
    points.forEach((p) => this.push(seconds(p.at), Object.entries(p.rates || {})));
    this.target.dataset.historyPoints = String(this.times.length); // the browser test: the chart did not open empty
    if (this.times.length) {
      this.draw();
    }
  }

  add(overview) {
    if (this.push(seconds(overview.sampledAt), (overview.topics || []).filter((t) => !t.deadLetterTopic)
      .map((t) => [t.topic, t.ratePerSecond1m]))) {
      this.draw();
    }
  }

  /** One sample's [topic, rate] pairs; false for one already drawn (history, a poll and the stream may bring it). */
  push(at, rates) {
    if (!Number.isFinite(at) || at <= (this.times[this.times.length - 1] ?? -Infinity)) {
      return false;
    }
    this.times.push(at);
    const seen = new Set();
    rates.forEach(([topic, rate]) => {
      if (!this.rates.has(topic)) {
        this.rates.set(topic, new Array(this.times.length - 1).fill(null));
      }
      this.rates.get(topic).push(rate ?? null);
      seen.add(topic);
    });
    this.rates.forEach((values, topic) => !seen.has(topic) && values.push(null));
    while (this.times[0] < at - WINDOW_S) {
      this.times.shift();
      this.rates.forEach((values) => values.shift());
    }
    return true;
  }

  draw() {
    const topics = [...this.rates.keys()].sort();
    this.chart.draw(topics, [this.times, ...topics.map((t) => this.rates.get(t))]);
    this.target.dataset.points = String(this.times.length);
  }

  resize() {
    this.chart.resize();
  }
}

/** Lag per consumer group (one line per group and topic) from the groups' trends, replaced on every sample. */
export class LagChart {
  constructor(target) {
    this.chart = new Chart(target);
  }

  show(groups) {
    const multi = new Set(groups.map((g) => g.group)).size < groups.length; // a group reading several topics
    const sorted = [...groups].sort((a, b) => `${a.group} ${a.topic}`.localeCompare(`${b.group} ${b.topic}`));
    const times = [...new Set(sorted.flatMap((g) => (g.trend || []).map((p) => seconds(p.at))))]
      .filter(Number.isFinite).sort((a, b) => a - b);
    const index = new Map(times.map((t, i) => [t, i]));
    const series = sorted.map((g) => {
      const values = new Array(times.length).fill(null);
      (g.trend || []).forEach((p) => {
        const i = index.get(seconds(p.at));
        if (i !== undefined) {
          values[i] = p.lag;
        }
      });
      return values;
    });
    const labels = sorted.map((g) => (multi ? `${g.group} · ${g.topic}` : g.group));
    this.chart.draw(labels, [times, ...series]);
  }

  resize() {
    this.chart.resize();
  }
}
