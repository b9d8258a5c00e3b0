// Hotline 1022 console, the operators' page: ops-service's live overview (flow per topic, consumer lag, outboxes,
// alerts), the dead letters to replay or discard, and a case's events in order. Vietnamese first, English on a switch.
// Every value from the API reaches the page as text (textContent, text nodes, data-* attributes), never as markup.

import { api as callApi, request, start as signedIn } from './session.js';
import { LagChart, ThroughputChart } from './ops-charts.js';
import { deadLetters } from './ops-dead-letters.js';
import { $, badge as coded, el, guarded } from './ops-dom.js';
import { live } from './ops-live.js';

/** Every label of the page, in both languages; {n}-style holes are filled by t(). */
const TEXTS = {
  vi: {
    title: 'Hotline 1022 — Vận hành', subtitle: 'vận hành hệ thống', navCalls: 'Cuộc gọi', navHospital: 'Chuyển viện',
    navOps: 'Vận hành', signOut: 'Đăng xuất', signingIn: 'Đang đăng nhập…', otherLanguage: 'English',
    overview: 'Tổng quan', sampledAt: 'Lấy mẫu lúc', openAlerts: 'Cảnh báo đang mở', newDeadLetters: 'Tin lỗi mới',
    live: 'trực tiếp', reconnecting: 'đang kết nối lại…', polling: 'mất luồng trực tiếp, cập nhật mỗi 5 giây',
    connecting: 'đang kết nối…', throughput: 'Lưu lượng (tin/giây theo chủ đề, trung bình 1 phút)',
    lagChart: 'Độ trễ theo nhóm tiêu thụ (số tin, 15 phút)', groups: 'Nhóm tiêu thụ', group: 'Nhóm',
    topic: 'Chủ đề', lag: 'Độ trễ', worstPartition: 'Phân vùng trễ nhất', state: 'Trạng thái', since: 'Từ lúc',
    services: 'Dịch vụ', service: 'Dịch vụ', outboxPending: 'Outbox chờ gửi', outboxOldest: 'Tin chờ lâu nhất',
    checkedAt: 'Kiểm tra lúc', noAlerts: 'Không có cảnh báo nào.', deadLetters: 'Tin lỗi (dead letter)',
    consumer: 'Bộ tiêu thụ', type: 'Loại sự kiện', from: 'Từ', all: 'Tất cả', filter: 'Lọc',
    replayAll: 'Phát lại tất cả đang hiển thị', receivedAt: 'Nhận lúc', originalTopic: 'Chủ đề gốc', error: 'Lỗi',
    attempts: 'Lần thử', noDeadLetters: 'Không có tin lỗi nào khớp bộ lọc.',
    payloadTitle: 'Nội dung (dữ liệu cá nhân đã che)',
    close: 'Đóng', header: 'Tiêu đề', value: 'Giá trị', view: 'Xem', replay: 'Phát lại', discard: 'Bỏ',
    trace: 'Truy vết hồ sơ', caseCode: 'Mã hồ sơ', traceGo: 'Truy vết', time: 'Thời gian',
    sinceCall: '+ms từ CallReceived', event: 'Sự kiện', source: 'Nguồn', position: 'Chủ đề · phân vùng · offset',
    NEW: 'Mới', REPLAYED: 'Đã phát lại', DISCARDED: 'Đã bỏ', OK: 'Bình thường', LAGGING: 'Đang chậm',
    STALLED: 'Đứng, không tiêu thụ', UP: 'Hoạt động', DOWN: 'Hỏng', UNREACHABLE: 'Không liên lạc được',
    WARNING: 'Cảnh báo', CRITICAL: 'Nghiêm trọng', CONSUMER_LAG: 'Độ trễ tiêu thụ',
    CONSUMER_STALLED: 'Tiêu thụ bị đứng',
    DLQ_GROWTH: 'Tin lỗi tăng', OUTBOX_AGE: 'Outbox tồn đọng', SLA_ESCALATIONS: 'Quá hạn xử lý (quận/huyện)',
    REFERRAL_EXPIRIES: 'Chuyển viện hết hạn trả lời', NOTIFICATION_FAILURES: 'Gửi thông báo thất bại',
    forbidden: 'Tài khoản này không xem được trang vận hành (cần vai trò ops hoặc admin).',
    failed: 'Không tải được ({status}).', discardReason: 'Lý do bỏ tin lỗi này (1–500 ký tự):',
    reasonLength: 'Lý do phải có từ 1 đến 500 ký tự.', replayConfirm: 'Phát lại {n} tin lỗi đang hiển thị?',
    replayed: 'Đã phát lại {n} tin.', handled: 'Tin lỗi {id}: {state}.', traceNone: 'Không có hồ sơ {code}.',
    traceSummary: 'Hồ sơ {code} · phân vùng {partition} · {n} sự kiện', seconds: '{n} giây', minutes: '{n} phút',
  },
  en: {
    title: 'Hotline 1022 — Operations', subtitle: 'operations', navCalls: 'Calls', navHospital: 'Hospital referrals',
    navOps: 'Operations', signOut: 'Sign out', signingIn: 'Signing in…', otherLanguage: 'Tiếng Việt',
    overview: 'Overview', sampledAt: 'Sampled at', openAlerts: 'Open alerts', newDeadLetters: 'New dead letters',
    live: 'live', reconnecting: 'reconnecting…', polling: 'no live stream, refreshed every 5 s',
    connecting: 'connecting…', throughput: 'Throughput (messages/s per topic, 1-minute average)',
    lagChart: 'Lag per consumer group (messages, 15 min)', groups: 'Consumer groups', group: 'Group',
    topic: 'Topic', lag: 'Lag', worstPartition: 'Worst partition', state: 'State', since: 'Since',
    services: 'Services', service: 'Service', outboxPending: 'Outbox pending', outboxOldest: 'Oldest waiting',
    checkedAt: 'Checked at', noAlerts: 'No open alert.', deadLetters: 'Dead letters',
    consumer: 'Consumer', type: 'Event type', from: 'From', all: 'All', filter: 'Filter',
    replayAll: 'Replay all shown', receivedAt: 'Received', originalTopic: 'Original topic', error: 'Error',
    attempts: 'Attempts', noDeadLetters: 'No dead letter matches the filter.',
    payloadTitle: 'Payload (personal data masked)',
    close: 'Close', header: 'Header', value: 'Value', view: 'View', replay: 'Replay', discard: 'Discard',
    trace: 'Case trace', caseCode: 'Case code', traceGo: 'Trace', time: 'Time',
    sinceCall: '+ms since CallReceived', event: 'Event', source: 'Source', position: 'Topic · partition · offset',
    NEW: 'New', REPLAYED: 'Replayed', DISCARDED: 'Discarded', OK: 'OK', LAGGING: 'Lagging',
    STALLED: 'Stalled, not consuming', UP: 'Up', DOWN: 'Down', UNREACHABLE: 'Unreachable',
    WARNING: 'Warning', CRITICAL: 'Critical', CONSUMER_LAG: 'Consumer lag', CONSUMER_STALLED: 'Consumer stalled',
    DLQ_GROWTH: 'Dead letters growing', OUTBOX_AGE: 'Outbox backlog', SLA_ESCALATIONS: 'SLA escalations (district)',
    REFERRAL_EXPIRIES: 'Referrals unanswered in time', NOTIFICATION_FAILURES: 'Notification failures',
    forbidden: 'This account may not see operations (role ops or admin needed).',
    failed: 'Could not load ({status}).', discardReason: 'Why discard this dead letter (1–500 characters)?',
    reasonLength: 'The reason must have 1 to 500 characters.', replayConfirm: 'Replay the {n} dead letters shown?',
    replayed: '{n} replayed.', handled: 'Dead letter {id}: {state}.', traceNone: 'No case {code}.',
    traceSummary: 'Case {code} · partition {partition} · {n} events', seconds: '{n} s', minutes: '{n} min',
  },
};
const LANGUAGE_KEY = 'hotline1022.ops.language';
const ZONE = 'Asia/Ho_Chi_Minh';
const SEVERITY = { STALLED: 0, LAGGING: 1, OK: 2 };

let language = TEXTS[localStorage.getItem(LANGUAGE_KEY)] ? localStorage.getItem(LANGUAGE_KEY) : 'vi';
let settings;
let charts;
let letters; // the dead-letter section (ops-dead-letters.js)
const shown = { overview: null, alerts: [], trace: null }; // what is on screen, redrawn in the other language

function t(key, values = {}) {
  const s = TEXTS[language][key] ?? key;
  return s.replace(/\{(\w+)\}/g, (hole, name) => String(values[name] ?? ''));
}

const formats = new Map(); // one Intl.DateTimeFormat per language and precision: made once, used for every row

/** A time from the API in Vietnam's time zone, whatever the browser's. */
function when(iso, withMillis = false) {
  if (!iso) {
    return '—';
  }
  const key = `${language} ${withMillis}`;
  if (!formats.has(key)) {
    formats.set(key, new Intl.DateTimeFormat(language === 'vi' ? 'vi-VN' : 'en-GB', {
      timeZone: ZONE, day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit',
      second: '2-digit', hourCycle: 'h23', ...(withMillis ? { fractionalSecondDigits: 3 } : {}),
    }));
  }
  return formats.get(key).format(new Date(iso));
}

function age(s) {
  if (s === null || s === undefined) {
    return '—';
  }
  return s < 120 ? t('seconds', { n: Math.round(s) }) : t('minutes', { n: Math.round(s / 60) });
}

const badge = (code) => coded(code, t(code));

function ops(path, init) {
  return callApi('ops-service', settings.opsUrl, `/api/v1${path}`, init);
}

// -------------------------------------------------------------------------------------------------------- language

function applyLanguage() {
  document.documentElement.lang = language;
  document.title = t('title');
  document.querySelectorAll('[data-i18n]').forEach((e) => { e.textContent = t(e.dataset.i18n); });
  $('#lang').textContent = t('otherLanguage');
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

function switchLanguage() {
  language = language === 'vi' ? 'en' : 'vi';
  localStorage.setItem(LANGUAGE_KEY, language);
  applyLanguage();
}

// -------------------------------------------------------------------------------------------------------- overview

function showMode(mode) {
  $('#live').dataset.mode = mode;
  $('#live').textContent = t(mode);
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
  $('#sampled-at').textContent = when(o.sampledAt);
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
    el('td', {}, badge(g.state)), el('td', {}, when(g.stateSince)))));
  $('#services tbody').replaceChildren(...(o.services || []).map((s) => el('tr',
    { className: `status-${s.status}`, data: { service: s.service, status: s.status } },
    el('td', {}, s.service), el('td', {}, badge(s.status)), el('td', { className: 'number' }, s.outboxPending ?? '—'),
    el('td', {}, age(s.outboxOldestSeconds)), el('td', {}, when(s.checkedAt)))));
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
    badge(a.severity), ' ', el('strong', {}, t(a.rule)), a.subject ? ` · ${a.subject}` : '',
    a.detail ? ` — ${a.detail}` : '', ' ', el('time', { dateTime: a.raisedAt ?? '' }, when(a.raisedAt)))));
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
  $('#trace-summary').textContent = t('traceSummary', { code: trace.caseCode, partition: trace.partition,
    n: events.length });
  $('#trace tbody').replaceChildren(...events.map((e, i) => el('tr',
    { data: { event: e.eventName ?? '', ceId: e.ceId ?? '' } },
    el('td', {}, i + 1), el('td', {}, when(e.time, true)),
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
  $('#trace-error').textContent = answer.status === 404 ? t('traceNone', { code })
    : answer.body?.detail || t('failed', { status: answer.status });
}

// ----------------------------------------------------------------------------------------------------------- start

async function start() {
  applyLanguage();
  $('#lang').addEventListener('click', switchLanguage);
  settings = await signedIn();
  const first = await ops('/overview');
  if (!first.ok) {
    throw new Error(first.status === 403 ? t('forbidden') : t('failed', { status: first.status }));
  }
  $('#status').textContent = '';
  $('#app').hidden = false; // before the charts: they take their width from the page
  charts = { throughput: new ThroughputChart($('#throughput-chart')), lag: new LagChart($('#lag-chart')) };
  window.addEventListener('resize', () => Object.values(charts).forEach((c) => c.resize()));
  letters = deadLetters({ ops, t, when, refreshOverview });
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
