// Hotline 1022 console, the officials' page (cán bộ phường, xã / quận, huyện): the cases of the official's area that
// need them (overdue, escalated, violation reports, their own), taken, verified on the spot, resolved or handed back.
// intake-service decides the area from the token's ward_codes / district_codes claims; the page adds no rule to it.

import { api as callApi, me, request, start as signedIn } from './session.js';
import {
  applyTexts, enumText, loadTexts, needsText, onLanguageChange, since, stepSummary, switchLanguage, t, vietnamInstant,
  when,
} from './i18n.js';
import { el, showFieldErrors } from './dom.js';

const PAGE_SIZE = 50;
const LIST_EVERY_MS = 20000; // new cases of the area appear while the page is open
const CASE_EVERY_MS = 5000; // the open case's timeline fills in as the services act
const HAND_BACK_NEEDS = ['EMERGENCY_TRANSPORT', 'HOSPITAL_ADMISSION', 'MEDICAL_CONSULTATION', 'OXYGEN_SUPPORT', 'FOOD',
  'RENT_SUPPORT', 'CASH_SUPPORT'];

const $ = (selector) => document.querySelector(selector);
let settings;
let kind = ''; // the tab: '' (all), OVERDUE, ESCALATED, VIOLATION, OWNED
let cases = []; // the list on screen, as the API gave it
let total = 0;
let shownList = null; // what the table was drawn from: redrawn only when it changes (a row being clicked stays)
let openCase = null; // the case in the detail panel, as the API gave it
let shownCase = null;
const wardNames = new Map(); // ward code -> name, from the admin units of the districts seen
const districtsRead = new Set();

function api(path, init) {
  return callApi('intake-service', settings.intakeUrl, path, init);
}

function wardText(place) {
  if (!place?.wardCode) {
    return '—';
  }
  const name = wardNames.get(place.wardCode);
  return name ? `${name} (${place.wardCode})` : place.wardCode;
}

function ownerText(c) {
  return c.ownership ? c.ownership.official : t('official.noOwner');
}

/** The wards of every district in the list, once per district, for their names. */
async function loadWardNames(list) {
  const districts = [...new Set(list.map((c) => c.location?.districtCode).filter(Boolean))]
    .filter((d) => !districtsRead.has(d));
  districts.forEach((d) => districtsRead.add(d));
  await Promise.all(districts.map(async (d) => {
    const answer = await api(`/api/v1/admin-units/districts/${encodeURIComponent(d)}/wards`);
    (answer.ok ? answer.body || [] : []).forEach((w) => wardNames.set(w.code, w.fullName || w.name));
  }));
}

function clearErrors() {
  document.querySelectorAll('#actions .error').forEach((e) => { e.textContent = ''; });
  $('#action-done').textContent = '';
}

// ---------------------------------------------------------------------------------------------------- the list

async function loadList() {
  const asked = kind;
  const query = new URLSearchParams({ page: 0, size: PAGE_SIZE });
  if (asked) {
    query.set('kind', asked);
  }
  const response = await request('intake-service', settings.intakeUrl, `/api/v1/officials/cases?${query}`);
  const body = response.headers.get('Content-Type')?.includes('json') ? await response.json() : null;
  if (asked !== kind) {
    return; // another tab was chosen meanwhile: its own answer draws the list
  }
  $('#list-problem').textContent = '';
  if (!response.ok) {
    showFieldErrors({ status: response.status, body }, $('#list-problem'), $('#list-problem'), 'official.refused');
    return;
  }
  const list = body || [];
  await loadWardNames(list);
  if (asked !== kind) {
    return;
  }
  cases = list;
  total = Number(response.headers.get('X-Total-Count') ?? list.length);
  renderList();
  $('#official-cases').dataset.kind = asked || 'ALL'; // which tab the rows are of (the browser tests wait for it)
}

/** What the case's open needs wait for (a team, a bed, stock, the official…), in the chosen language. */
function waitingText(c) {
  const english = document.documentElement.lang === 'en';
  const waiting = (c.tracks || []).filter((tr) => !tr.outcome)
    .map((tr) => (english ? tr.waitingForTextEn : tr.waitingForText)).filter(Boolean);
  return waiting.length ? ` — ${waiting.join('; ')}` : '';
}

function renderList() {
  const rows = cases.map((c) => [c.code, wardText(c.location), needsText(c.needs),
    enumText('CaseStatus', c.status) + waitingText(c),
    String(c.priority), enumText('EscalationLevel', c.sla?.escalationLevel), since(c.openedAt), ownerText(c),
    Boolean(c.sla?.overdue)]);
  const drawn = JSON.stringify([rows, openCase?.code]);
  $('#total').textContent = String(total);
  $('#none').hidden = cases.length > 0;
  if (drawn === shownList) {
    return;
  }
  shownList = drawn;
  $('#official-cases').replaceChildren(...rows.map(([code, ...cells]) => {
    const overdue = cells.pop();
    const row = el('tr', { 'data-case': code, class: [overdue ? 'overdue' : '', code === openCase?.code ? 'selected'
      : ''].join(' ').trim() || null }, el('td', {}, code));
    cells.forEach((cell) => row.append(el('td', {}, cell)));
    return row;
  }));
}

function chooseKind(chosen) {
  kind = chosen;
  document.querySelectorAll('#kinds [data-kind]').forEach((b) => {
    b.setAttribute('aria-selected', String(b.dataset.kind === kind));
    b.classList.toggle('active', b.dataset.kind === kind);
  });
  return loadList();
}

// ---------------------------------------------------------------------------------------------------- the case

function localNow() {
  return new Date(Date.now() + 7 * 3600 * 1000).toISOString().slice(0, 19); // yyyy-MM-ddTHH:mm:ss in Vietnam
}

function resetVisitTime() {
  const field = $('#verify [name=visitedAt]');
  field.value = localNow();
  field.dataset.default = field.value;
}

async function showCase(code) {
  const changed = openCase?.code !== code;
  const answer = await api(`/api/v1/officials/cases/${encodeURIComponent(code)}`);
  if (!answer.ok) {
    showFieldErrors(answer, $('#actions'), $('#action-problem'), 'official.refused');
    return;
  }
  openCase = answer.body;
  if (changed) {
    clearErrors();
    $('#verify').reset();
    $('#resolve').reset();
    $('#hand-back').reset();
    resetVisitTime();
  }
  renderCase();
  renderList();
}

function renderCase() {
  const c = openCase;
  if (!c) {
    return;
  }
  const drawn = JSON.stringify([c, document.documentElement.lang]);
  if (drawn === shownCase) {
    return;
  }
  shownCase = drawn;
  $('#case-empty').hidden = true;
  $('#case-detail').hidden = false;
  $('#case-detail').dataset.case = c.code;
  $('#case-code').textContent = c.code;
  $('#case-status').textContent = enumText('CaseStatus', c.status);
  $('#case-status').dataset.status = c.status;
  $('#case-priority').textContent = String(c.priority);
  $('#case-escalation').textContent = enumText('EscalationLevel', c.sla?.escalationLevel)
    + (c.sla?.overdue ? ` · ${t('official.overdue')}` : '')
    + (c.sla?.reopenCount ? ` · ${t('official.reopened', { n: c.sla.reopenCount })}` : '');
  $('#case-needs').textContent = needsText(c.needs);
  $('#case-place').textContent = [c.location?.addressText, wardText(c.location)].filter(Boolean).join(', ');
  $('#case-caller').textContent = [c.caller?.name, c.caller?.phone].filter(Boolean).join(' · ') || '—';
  $('#case-notes').textContent = c.notes || '—';
  $('#case-opened').textContent = `${when(c.openedAt)} (${since(c.openedAt)})`;
  $('#case-due').textContent = when(c.sla?.resolutionDue);
  $('#case-owner').textContent = c.ownership
    ? `${c.ownership.official} · ${t('official.ownedSince', { at: when(c.ownership.since) })}` : t('official.noOwner');

  const mine = c.ownership?.official === me().preferred_username;
  const open = c.status !== 'RESOLVED';
  $('#take').hidden = !open || Boolean(c.ownership);
  $('#owner-actions').hidden = !open || !mine;
  $('#owned-by-other').hidden = !open || !c.ownership || mine;
  $('#owned-by-other').textContent = c.ownership ? t('official.ownedByOther', { official: c.ownership.official }) : '';

  const visits = c.visits || [];
  $('#no-visits').hidden = visits.length > 0;
  $('#visits').replaceChildren(...visits.map((v) => el('li', { 'data-outcome': v.outcome },
    el('time', { datetime: v.visitedAt }, when(v.visitedAt)), ' ',
    el('strong', {}, enumText('VerificationOutcome', v.outcome)), ` — ${v.actionTaken ?? ''} (${v.official ?? ''})`)));
  $('#timeline').replaceChildren(...(c.timeline || []).map((s) => el('li', { 'data-type': s.type },
    el('time', { datetime: s.at }, when(s.at, { seconds: true })), el('strong', {}, s.type), ` ${stepSummary(s)}`)));
}

// ---------------------------------------------------------------------------------------------------- the actions

/** Posts an action on the open case; on success the case and the list are read again. */
async function act(path, body, root, fallback, done) {
  clearErrors();
  const code = openCase.code;
  const answer = await api(`/api/v1/officials/cases/${encodeURIComponent(code)}/${path}`, {
    method: 'POST',
    ...(body === undefined ? {} : { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }),
  });
  if (!answer.ok) {
    showFieldErrors(answer, root, fallback, 'official.refused');
    return false;
  }
  await Promise.all([showCase(code), loadList()]);
  $('#action-done').textContent = t(done, { code });
  return true;
}

async function take() {
  $('#take').disabled = true;
  try {
    await act('ownership', undefined, $('#actions'), $('#action-problem'), 'official.taken');
  } finally {
    $('#take').disabled = false;
  }
}

async function verify(event) {
  event.preventDefault();
  const form = event.target;
  const data = new FormData(form);
  const field = form.elements.visitedAt;
  // Left at the default: the visit is now (to the millisecond, not the minute the case was opened in).
  const visitedAt = field.value === field.dataset.default ? new Date().toISOString() : vietnamInstant(field.value);
  if (await act('verification', { outcome: data.get('outcome'), actionTaken: data.get('actionTaken'), visitedAt },
    form, form.querySelector('.problem'), 'official.verified')) {
    form.reset();
    resetVisitTime();
  }
}

async function resolve(event) {
  event.preventDefault();
  const form = event.target;
  if (await act('resolution', { outcome: new FormData(form).get('outcome') }, form, form.querySelector('.problem'),
    'official.resolved')) {
    form.reset();
  }
}

async function handBack(event) {
  event.preventDefault();
  const form = event.target;
  const data = new FormData(form);
  const needs = data.getAll('needs');
  const body = { target: data.get('target'), reason: data.get('reason'), ...(needs.length ? { needs } : {}) };
  if (await act('hand-back', body, form, form.querySelector('.problem'), 'official.handedBack')) {
    form.reset();
  }
}

// ---------------------------------------------------------------------------------------------------- start

function showArea() {
  const claims = me();
  const codes = (claim) => [].concat(claims[claim] || []).flatMap((v) => String(v).split(/[\s,]+/)).filter(Boolean);
  const wards = codes('ward_codes');
  const districts = codes('district_codes');
  $('#area').textContent = [
    wards.length ? t('official.areaWards', { codes: wards.join(', ') }) : '',
    districts.length ? t('official.areaDistricts', { codes: districts.join(', ') }) : '',
  ].filter(Boolean).join(' · ');
}

async function start() {
  await loadTexts();
  $('#lang').addEventListener('click', switchLanguage);
  settings = await signedIn();
  $('#hand-back-needs').append(...HAND_BACK_NEEDS.map((n) => el('label', {},
    el('input', { type: 'checkbox', name: 'needs', value: n }), ' ', el('span', { 'data-i18n': `enum.Need.${n}` }))));
  applyTexts($('#hand-back-needs'));
  showArea();
  onLanguageChange(() => {
    shownList = null;
    shownCase = null;
    showArea();
    renderList();
    renderCase();
  });
  $('#kinds').addEventListener('click', (e) => {
    const tab = e.target.closest('[data-kind]');
    if (tab) {
      chooseKind(tab.dataset.kind);
    }
  });
  $('#refresh').addEventListener('click', loadList);
  $('#official-cases').addEventListener('click', (e) => {
    const row = e.target.closest('tr[data-case]');
    if (row) {
      showCase(row.dataset.case);
    }
  });
  $('#take').addEventListener('click', take);
  $('#verify').addEventListener('submit', verify);
  $('#resolve').addEventListener('submit', resolve);
  $('#hand-back').addEventListener('submit', handBack);
  await chooseKind('');
  setInterval(loadList, LIST_EVERY_MS);
  setInterval(() => openCase && showCase(openCase.code), CASE_EVERY_MS);
  delete $('#status').dataset.i18n; // signed in: a language switch must not bring "Đang đăng nhập…" back
  $('#status').textContent = '';
  $('#app').hidden = false;
}

start().catch((e) => {
  $('#status').textContent = e.message;
});
