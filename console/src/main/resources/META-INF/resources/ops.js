// Hotline 1022 console, the operators' page: ops-service's live overview (flow per topic, consumer lag, outboxes,
// alerts), the dead letters to replay or discard, and a case's events in order. Vietnamese first, English on a switch;
// words in messages/*.json (ops.*), through i18n.js. Every value from the API reaches the page as text (textContent,
// text nodes, data-* attributes), never as markup.

import { loadTexts, onLanguageChange, switchLanguage, t, when } from './i18n.js';
import { api as callApi, request, start as signedIn } from './session.js';
import { LagChart, ThroughputChart } from './ops-charts.js';
import { deadLetters } from './ops-dead-letters.js';
import { $, badge, codeText, el, guarded } from './ops-dom.js';
import { live } from './ops-live.js';

const SEVERITY = { STALLED: 0, LAGGING: 1, OK: 2 };

let settings;
let charts;
let letters; // the dead-letter section (ops-dead-letters.js)
const shown = { overview: null, alerts: [], trace: null }; // what is on screen, redrawn in the other language

/** A time from the API in Vietnam's time zone, to the second (the trace's: when(iso, { millis: true })). */
const at = (iso) => when(iso, { seconds: true });

function age(s) {
  if (s === null || s === undefined) {
    return '—';
  }
  return s < 120 ? t('ops.seconds', { n: Math.round(s) }) : t('ops.minutes', { n: Math.round(s / 60) });
}

function ops(path, init) {
  return callApi('ops-service', settings.opsUrl, `/api/v1${path}`, init);
}

// -------------------------------------------------------------------------------------------------------- language

/** After i18n.js relabelled the page in the other language: what came from the API, drawn again. */
function redraw() {
  if (letters) { // signed in, the page shown
    showMode($('#live').dataset.mode);
    if (shown.overview) {
      showOverview(shown.overview, false);
    }
    showAlerts(shown.alerts);
    letters.redraw();
    if (shown.trace) {
      showTrace(shown.trace);
    }
  }
}

// -------------------------------------------------------------------------------------------------------- overview

function showMode(mode) {
  $('#live').dataset.mode = mode;
  $('#live').textContent = t(`ops.${mode}`);
}

function options(datalist, values) {
  const wanted = [...new Set(values)].sort();
  if (wanted.join() !== [...datalist.options].map((o) => o.value).join()) {
    datalist.replaceChildren(...wanted.map((v) => el('option', { value: v })));
  }
}

function showOverview(o, fresh = true) {
  const previous = shown.overview;
  shown.overview = o;
  $('#sampled-at').textContent = at(o.sampledAt);
  $('#sampled-at').dateTime = o.sampledAt ?? '';
  $('#alert-count').textContent = String(o.alerts?.open ?? 0);
  $('#dead-letter-count').textContent = String(o.deadLetters?.new ?? 0);
  const groups = [...(o.groups || [])].sort((a, b) => (SEVERITY[a.state] ?? 3) - (SEVERITY[b.state] ?? 3)
    || `${a.group} ${a.topic}`.localeCompare(`${b.group} ${b.topic}`));
  $('#groups tbody').replaceChildren(...groups.map((g) => el('tr',
    { className: `state-${g.state}`, data: { group: g.group, topic: g.topic, state: g.state } },
    el('td', {}, g.group), el('td', {}, g.topic), el('td', { className: 'number' }, g.lag),
    el('td', {}, g.worstPartition === null || g.worstPartition === undefined ? '—'
      : `#${g.worstPartition} (${g.worstPartitionLag})`),
    el('td', {}, badge(g.state)), el('td', {}, at(g.stateSince)))));
  $('#services tbody').replaceChildren(...(o.services || []).map((s) => el('tr',
    { className: `status-${s.status}`, data: { service: s.service, status: s.status } },
    el('td', {}, s.service), el('td', {}, badge(s.status)), el('td', { className: 'number' }, s.outboxPending ?? '—'),
    el('td', {}, age(s.outboxOldestSeconds)), el('td', {}, at(s.checkedAt)))));
  options($('#known-topics'), (o.topics || []).map((x) => x.topic));
  options($('#known-groups'), (o.groups || []).map((g) => g.group));
  if (!fresh) {
    return;
  }
  charts.throughput.add(o);
  charts.lag.show(o.groups || []);
  if (previous && previous.alerts?.open !== o.alerts?.open) {
    loadAlerts().catch(() => {});
  }
  if (previous && previous.deadLetters?.new !== o.deadLetters?.new) {
    letters.load().catch(() => {});
  }
}

/**
 * The throughput ops-service kept (its last 15 minutes), drawn before the first overview so the chart does not open
 * empty; the live overviews then add to it. Without it (an older ops-service), the chart fills as before.
 */
async function loadThroughputHistory() {
  const answer = await ops('/flow/history').catch(() => null);
  charts.throughput.prefill(answer?.ok ? answer.body?.throughput || [] : []);
}

async function refreshOverview() {
  const answer = await ops('/overview');
  if (answer.ok) {
    showOverview(answer.body);
  }
  return answer;
}

// ---------------------------------------------------------------------------------------------------------- alerts

function showAlerts(alerts) {
  shown.alerts = alerts;
  $('#alerts-none').hidden = alerts.length > 0;
  $('#alerts').replaceChildren(...alerts.map((a) => el('li',
    { className: `severity-${a.severity}`, data: { id: a.id, rule: a.rule, severity: a.severity } },
    badge(a.severity), ' ', el('strong', {}, codeText(a.rule)), a.subject ? ` · ${a.subject}` : '',
    a.detail ? ` — ${a.detail}` : '', ' ', el('time', { dateTime: a.raisedAt ?? '' }, at(a.raisedAt)))));
}

async function loadAlerts() {
  const answer = await ops('/alerts?state=OPEN');
  if (answer.ok) {
    showAlerts(answer.body || []);
  }
}

// ----------------------------------------------------------------------------------------------------------- trace

function showTrace(trace) {
  shown.trace = trace;
  const events = trace.events || [];
  $('#trace-summary').textContent = t('ops.traceSummary', { code: trace.caseCode, partition: trace.partition,
    n: events.length });
  $('#trace tbody').replaceChildren(...events.map((e, i) => el('tr',
    { data: { event: e.eventName ?? '', ceId: e.ceId ?? '' } },
    el('td', {}, i + 1), el('td', {}, when(e.time, { millis: true })),
    el('td', { className: 'number' }, e.sinceCallReceivedMs === null || e.sinceCallReceivedMs === undefined ? '—'
      : `+${e.sinceCallReceivedMs}`),
    el('td', { title: e.ceType ?? '' }, e.eventName), el('td', {}, e.source),
    el('td', {}, `${e.topic} · ${e.partition} · ${e.offset}`))));
}

async function trace(event) {
  event.preventDefault();
  const code = $('#trace-code').value.trim();
  $('#trace-error').textContent = '';
  if (!code) {
    return;
  }
  const byId = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(code); // a case id works too
  const answer = await ops(byId ? `/cases/${code}/trace` : `/cases/trace?${new URLSearchParams({ caseCode: code })}`);
  if (answer.ok) {
    showTrace(answer.body);
    return;
  }
  shown.trace = null;
  $('#trace-summary').textContent = '';
  $('#trace tbody').replaceChildren();
  $('#trace-error').textContent = answer.status === 404 ? t('ops.traceNone', { code })
    : answer.body?.detail || t('ops.failed', { status: answer.status });
}

// ----------------------------------------------------------------------------------------------------------- start

async function start() {
  await loadTexts();
  $('#lang').addEventListener('click', switchLanguage);
  onLanguageChange(redraw);
  settings = await signedIn();
  const first = await ops('/overview');
  if (!first.ok) {
    throw new Error(first.status === 403 ? t('ops.forbidden') : t('ops.failed', { status: first.status }));
  }
  $('#status').textContent = '';
  $('#app').hidden = false; // before the charts: they take their width from the page
  charts = { throughput: new ThroughputChart($('#throughput-chart')), lag: new LagChart($('#lag-chart')) };
  window.addEventListener('resize', () => Object.values(charts).forEach((c) => c.resize()));
  letters = deadLetters({ ops, refreshOverview });
  await loadThroughputHistory(); // before the first overview: a point older than the last drawn is not added
  showOverview(first.body);
  showMode('connecting');
  $('#trace-form').addEventListener('submit', guarded(trace, '#trace-error'));

  await Promise.all([loadAlerts(), letters.load()]);
  setInterval(() => loadAlerts().catch(() => {}), 30000); // an alert may resolve while another opens: same count
  live({
    connect: (signal) => request('ops-service', settings.opsUrl, '/api/v1/stream',
      { signal, headers: { Accept: 'text/event-stream' } }),
    poll: async () => {
      const answer = await ops('/overview');
      return answer.ok ? answer.body : null;
    },
    onOverview: (o) => showOverview(o),
    onMode: showMode,
  });
}

start().catch((e) => {
  $('#status').textContent = e.message;
});
