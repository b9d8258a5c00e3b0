// Hotline 1022 call console, the agent's page: take a call (told at once when the caller's case is still open), watch
// the case, find one (search, diacritics ignored), the overdue cases, the work queue, the callback queue (callbacks.js). Works on intake-service's API
// with the agent's own token (session.js). Words in messages/*.json (agent.*, through i18n.js). No framework, no build
// step: the page is what the browser runs.

import { api as callApi, me, onBeforeSignIn, request, showProblem, start as signedIn } from './session.js';
import {
  applyTexts, enumText, loadTexts, needsText, onLanguageChange, since, stepSummary, switchLanguage, t, when,
} from './i18n.js';
import { el } from './dom.js';
import { callPath, callTaken, startCallbacks } from './callbacks.js';
import { drawOutcomes, startOutcomes } from './case-outcomes.js';
import { clearDraft, draftPending, restoreDraft, saveDraft, saveDraftSoon } from './call-draft.js';
import { loadDistricts, loadWardNames, loadWards, options, usePlacesApi, wardText } from './agent-places.js';

const NEEDS = ['EMERGENCY_TRANSPORT', 'HOSPITAL_ADMISSION', 'MEDICAL_CONSULTATION', 'FOOD', 'RENT_SUPPORT',
  'CASH_SUPPORT', 'OXYGEN_SUPPORT', 'INFORMATION', 'VIOLATION_REPORT'];
const VULNERABILITIES = ['ELDERLY', 'PREGNANT', 'YOUNG_CHILDREN', 'DISABILITY', 'CHRONIC_ILLNESS'];
/** The timeline's events that tell where each kind of work stands; the latest of each kind is shown. */
const PROGRESS = {
  team: ['DispatchQueued', 'TeamDispatched', 'TeamArrived', 'DispatchCompleted', 'TransportDispatched',
    'PatientPickedUp', 'PatientHandedOver'],
  referral: ['PatientReferred', 'ReferralWaiting', 'ReferralAccepted', 'ReferralRejected', 'ReferralExpired',
    'PatientAdmitted'],
  relief: ['ReliefScheduled', 'ReliefRefused', 'ReliefDelivered'],
};
const LIST_SIZE = 20;
const LOOKUP_DELAY_MS = 400; // the phone's typing has paused
const MIN_PHONE_DIGITS = 10; // a Vietnamese number has 10 or 11 (landline) digits: shorter is still being typed

const $ = (selector) => document.querySelector(selector);
let settings;
let openCase; // the code shown in the case panel
let shownCase = null; // the case panel's case, as the API gave it (redrawn on a language switch)
let polling;
const lists = {}; // tbody id -> the cases it shows, as the API gave them
let repeatCase = null; // the caller's open case found by phone, or null
let lookupTimer = null;
let lookupSeq = 0; // only the answer to the latest phone typed is shown


function api(path, init) {
  return callApi('intake-service', settings.intakeUrl, path, init);
}

/** The text of a key, or fallback when the messages have none (an event or rule the page has no words for). */
function known(key, fallback) {
  const s = t(key);
  return s === key ? fallback : s;
}

/** A problem+json answer in one place: its field errors' messages, or its detail. */
function problemText(answer) {
  const problem = answer.body || {};
  return problem.errors?.length ? problem.errors.map((e) => e.message).join('; ')
    : problem.detail || t('agent.refused', { status: answer.status });
}

// ---------------------------------------------------------------------------------------------------- repeat call

function lookupPhoneSoon() {
  clearTimeout(lookupTimer);
  lookupTimer = setTimeout(lookupPhone, LOOKUP_DELAY_MS);
}

/**
 * The caller's open case, asked of intake as soon as the phone looks complete: its search (q) matches a phone in any
 * spelling (intake normalises it), and without a status only unresolved cases are listed. Only a case of this very
 * phone counts (its last nine digits), not one that merely mentions the digits.
 */
async function lookupPhone() {
  clearTimeout(lookupTimer);
  const seq = ++lookupSeq;
  const phone = $('[name="caller.phone"]').value.trim();
  const digits = phone.replace(/\D/g, '');
  if (digits.length < MIN_PHONE_DIGITS) {
    showRepeatCall(null);
    return;
  }
  const answer = await api(`/api/v1/cases?${new URLSearchParams({ q: phone, size: 5 })}`);
  if (seq !== lookupSeq) {
    return; // typed on meanwhile: the newer lookup answers
  }
  const tail = digits.slice(-9);
  const found = answer.ok ? (answer.body || []).find((c) => (c.caller?.phone || '').endsWith(tail)) : null;
  if (found) {
    await loadWardNames([found]);
  }
  if (seq === lookupSeq) {
    showRepeatCall(found || null);
  }
}

function showRepeatCall(c) {
  repeatCase = c;
  const notice = $('#repeat-call');
  notice.hidden = !c;
  notice.dataset.case = c ? c.code : '';
  $('#repeat-call-text').textContent = c ? t('agent.repeatCall', {
    code: c.code, status: enumText('CaseStatus', c.status), needs: needsText(c.needs), ward: wardText(c.location),
    opened: when(c.openedAt),
  }) : '';
}

async function prepareForm() {
  $('#needs').append(...NEEDS.map((n) => el('label', {},
    el('input', { type: 'checkbox', name: 'needs', value: n }), ' ', el('span', { 'data-i18n': `enum.Need.${n}` }))));
  $('#vulnerabilities').append(...VULNERABILITIES.map((v) => el('label', {},
    el('input', { type: 'checkbox', name: 'vulnerabilities', value: v }), ' ',
    el('span', { 'data-i18n': `agent.vulnerability.${v}` }))));
  applyTexts($('#needs'));
  applyTexts($('#vulnerabilities'));
  const provinces = (await api('/api/v1/admin-units/provinces')).body || [];
  options($('[name=province]'), provinces, (p) => p.code, (p) => p.name);
  if (provinces.some((p) => p.code === '74')) {
    $('[name=province]').value = '74'; // Bình Dương, where the 2021 figures come from
  }
  await loadDistricts($('[name=province]').value);
  await restoreDraft(loadDistricts, loadWards);
  // The lists below a changed one reload: save again once they have, so the draft holds the ward shown.
  $('[name=province]').addEventListener('change', (e) => loadDistricts(e.target.value).then(saveDraftSoon));
  $('[name=district]').addEventListener('change', (e) => loadWards(e.target.value).then(saveDraftSoon));
  $('#call-form').addEventListener('input', saveDraftSoon);
  $('#call-form').addEventListener('change', saveDraftSoon);
  $('#call-form').addEventListener('submit', submitCall);
  $('[name="caller.phone"]').addEventListener('input', lookupPhoneSoon);
  $('#repeat-call-open').addEventListener('click', () => repeatCase && showCase(repeatCase.code));
  onBeforeSignIn(() => draftPending() && saveDraft()); // typed in the last instant before leaving: keep it too
  if ($('[name="caller.phone"]').value) {
    lookupPhone(); // a restored call's caller may have an open case
  }
}

async function submitCall(event) {
  event.preventDefault();
  const form = event.target;
  form.querySelectorAll('.error').forEach((e) => { e.textContent = ''; });
  const data = new FormData(form);
  const call = {
    callId: form.dataset.callId || crypto.randomUUID(), // kept until it succeeds: a retry is the same call
    channel: 'PHONE',
    caller: { name: data.get('caller.name') || null, phone: data.get('caller.phone') },
    location: { wardCode: data.get('location.wardCode'), addressText: data.get('location.addressText') || null },
    needs: data.getAll('needs'),
    householdSize: Number(data.get('householdSize')) || null,
    vulnerabilities: data.getAll('vulnerabilities'),
    notes: data.get('notes') || null,
    agentId: me().preferred_username,
    // "Đã trả lời qua điện thoại": sent only when ticked; intake refuses it (400, shown by the box) unless the only
    // need is INFORMATION, so the page does not second-guess the rule.
    answeredOnCall: data.get('answeredOnCall') === 'true' || undefined,
  };
  form.dataset.callId = call.callId;
  saveDraft(); // with its callId: a call sent but unanswered (the session ended) is resent as the same call
  const answer = await api(callPath(), {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(call),
  });
  if (answer.status !== 200 && answer.status !== 201) {
    showProblem(answer, $('#form-error'));
    return;
  }
  clearDraft(); // intake has the call: only now may the draft go
  delete form.dataset.callId;
  form.reset();
  lookupSeq += 1; // a lookup still under way is for the call just sent
  showRepeatCall(null);
  await callTaken();
  await showCase(answer.body.code);
  await loadQueue();
}

// ---------------------------------------------------------------------------------------------------- case view

async function showCase(code) {
  openCase = code;
  shownCase = null;
  clearInterval(polling);
  await renderCase();
  polling = setInterval(renderCase, 2000); // the timeline fills in as the services act
}

async function renderCase() {
  const code = openCase;
  const answer = await api(`/api/v1/cases/${encodeURIComponent(code)}`);
  if (!answer.ok || code !== openCase) {
    return;
  }
  await loadWardNames([answer.body]);
  if (code === openCase) {
    shownCase = answer.body;
    drawCase();
  }
}

/** Where one kind of work stands: the latest of its events, in words, with the service's summary and the time. */
function progress(kind, timeline) {
  const latest = timeline.filter((s) => PROGRESS[kind].includes(s.type)).at(-1);
  if (!latest) {
    return [t('agent.progress.none')];
  }
  return [el('strong', {}, known(`agent.event.${latest.type}`, latest.type)), ' · ', stepSummary(latest), ' · ',
    el('time', { datetime: latest.at }, when(latest.at))];
}

function drawCase() {
  const c = shownCase;
  if (!c) {
    return;
  }
  const timeline = c.timeline || [];
  $('#case-empty').hidden = true;
  $('#case').hidden = false;
  $('#case').dataset.case = c.code;
  $('#case-code').textContent = c.code;
  $('#case-status').textContent = enumText('CaseStatus', c.status);
  $('#case-priority').textContent = String(c.priority);
  $('#case-linked').textContent = c.repeatCount ? t('agent.calledTimes', { n: c.repeatCount + 1 }) : '';
  $('#case-ward').textContent = wardText(c.location);
  $('#case-needs').textContent = needsText(c.needs);
  $('#case-opened').textContent = `${when(c.openedAt)} (${since(c.openedAt)})`;
  Object.keys(PROGRESS).forEach((kind) => $(`#case-${kind}`).replaceChildren(...progress(kind, timeline)));
  $('#case-reasons').replaceChildren(...(c.priorityReasons || []).map((r) => el('li', {},
    `${known(`agent.rule.${r.rule}`, r.rule)} (+${r.points})`)));
  drawOutcomes(c);
  $('#timeline').replaceChildren(...timeline.map((s) => el('li', { 'data-type': s.type },
    el('time', { datetime: s.at }, when(s.at, { seconds: true })), ' ',
    el('strong', {}, known(`agent.event.${s.type}`, s.type)), ' ', stepSummary(s))));
}

// ---------------------------------------------------------------------------------------------------- lists

/** A list of cases from intake: {ok, status, body, total} (X-Total-Count). */
async function listCases(path) {
  const response = await request('intake-service', settings.intakeUrl, path);
  const body = response.headers.get('Content-Type')?.includes('json') ? await response.json() : null;
  const total = Number(response.headers.get('X-Total-Count') ?? (Array.isArray(body) ? body.length : 0));
  return { ok: response.ok, status: response.status, body, total };
}

/** One table of cases (search results, overdue, work queue): a row per case, clicked to open it. */
function drawList(tbody) {
  $(`#${tbody}`).replaceChildren(...(lists[tbody] || []).map((c) => el('tr', { 'data-code': c.code },
    el('td', {}, c.code), el('td', {}, String(c.priority)), el('td', {}, enumText('CaseStatus', c.status)),
    el('td', {}, needsText(c.needs)), el('td', {}, wardText(c.location)), el('td', {}, since(c.openedAt)))));
}

async function showList(tbody, answer) {
  const cases = answer.ok && Array.isArray(answer.body) ? answer.body : [];
  await loadWardNames(cases);
  lists[tbody] = cases;
  drawList(tbody);
  $(`#${tbody}`).dataset.loaded = 'true'; // the browser tests wait for it
  return cases;
}

async function search(event) {
  event?.preventDefault();
  const q = $('#search-q').value.trim();
  const status = $('#search-status').value;
  const query = new URLSearchParams({ size: LIST_SIZE });
  if (q) {
    query.set('q', q);
  }
  if (status) {
    query.set('status', status);
  }
  $('#search-error').textContent = '';
  $('#search-results').dataset.loaded = 'false';
  const answer = await listCases(`/api/v1/cases?${query}`);
  if (!answer.ok) {
    $('#search-error').textContent = problemText(answer);
  }
  const cases = await showList('search-results', answer);
  $('#search-summary').hidden = !answer.ok;
  $('#search-summary').dataset.total = String(answer.total);
  $('#search-summary').textContent = cases.length ? t('agent.searchFound', { shown: cases.length, total: answer.total })
    : t('agent.searchNone');
  if (cases.length === 1) {
    await showCase(cases[0].code); // the one case asked for (a code read out by the caller): open at once
  }
}

async function loadOverdue() {
  const answer = await listCases(`/api/v1/cases/overdue?size=${LIST_SIZE}`);
  if (!answer.ok) {
    $('#overdue-empty').textContent = problemText(answer);
    $('#overdue-empty').hidden = false;
    return;
  }
  const cases = await showList('overdue', answer);
  $('#overdue-total').textContent = String(answer.total);
  $('#overdue-empty').textContent = t('agent.overdueEmpty');
  $('#overdue-empty').hidden = cases.length > 0;
}

async function loadQueue() {
  await showList('queue', await listCases(`/api/v1/cases?size=${LIST_SIZE}`));
}

// ---------------------------------------------------------------------------------------------------- start

async function start() {
  await loadTexts();
  $('#lang').addEventListener('click', switchLanguage);
  settings = await signedIn();
  usePlacesApi(api);
  $('#refresh-queue').addEventListener('click', loadQueue);
  $('#refresh-overdue').addEventListener('click', loadOverdue);
  $('#search').addEventListener('submit', search);
  startOutcomes(api, async () => Promise.all([renderCase(), loadQueue(), loadOverdue()]));
  ['queue', 'overdue', 'search-results'].forEach((tbody) => $(`#${tbody}`).addEventListener('click', (e) => {
    const row = e.target.closest('tr[data-code]');
    if (row) {
      showCase(row.dataset.code);
    }
  }));
  onLanguageChange(() => {
    Object.keys(lists).forEach(drawList);
    drawCase();
    showRepeatCall(repeatCase);
    if (!$('#overdue-empty').hidden) {
      $('#overdue-empty').textContent = t('agent.overdueEmpty');
    }
    const summary = $('#search-summary');
    const shown = (lists['search-results'] || []).length;
    summary.textContent = shown ? t('agent.searchFound', { shown, total: summary.dataset.total })
      : t('agent.searchNone');
  });
  await prepareForm();
  await Promise.all([loadQueue(), loadOverdue(), startCallbacks(api)]);
  delete $('#status').dataset.i18n; // signed in: a language switch must not bring "Đang đăng nhập…" back
  $('#status').textContent = '';
  $('#app').hidden = false;
}

start().catch((e) => {
  $('#status').textContent = e.message;
});
