// Hotline 1022 console, the dispatchers' board (bảng điều phối, role dispatcher), on dispatch-service's API: the queue
// most urgent first (emergencies, then priority, then the longest wait) with the ward's zone colour; each team's state,
// shift, vehicle and current case; patient transports; a waiting case's ranked teams, the first sent with one click or
// another chosen with a reason. The board is polled every few seconds with If-None-Match (304 while nothing changed).
// Every value from the API goes into the page as text.

import { api as callApi, me, request, showProblem, start as signedIn } from './session.js';
import {
  applyTexts, enumText, loadTexts, onLanguageChange, since, switchLanguage, t, when,
} from './i18n.js';
import { textEl as el } from './dom.js';

const POLL_MS = 3000;
const OPEN_TRANSPORTS = ['WAITING', 'DISPATCHED', 'PICKED_UP'];

const $ = (selector) => document.querySelector(selector);
let settings;
let province; // the dispatcher's province (token claim province_codes), null for an admin: every province
let etag = null;
let board = null;
let transports = [];
let boardAt = null; // when the board was last confirmed current
let selected = null; // { caseId, caseCode }
let recommendations = null;
let chooseOther = false;

function api(path, init) {
  return callApi('dispatch-service', settings.dispatchUrl, path, init);
}

function row(cells, attributes) {
  const tr = el('tr', null, attributes);
  cells.forEach((c) => {
    const td = document.createElement('td');
    if (c instanceof Node) {
      td.append(c);
    } else {
      td.textContent = c ?? '—';
    }
    tr.append(td);
  });
  return tr;
}

function badge(type, value, extraClass) {
  return el('span', enumText(type, value), { class: `badge ${extraClass}-${value}` });
}

/** Most urgent first: emergencies, then the higher priority, then the longer wait. */
function urgency(a, b) {
  return (Number(b.emergency) - Number(a.emergency)) || (b.priority - a.priority)
    || (new Date(a.queuedAt) - new Date(b.queuedAt));
}

function renderQueue() {
  const body = $('#queue');
  body.replaceChildren();
  const queue = [...(board?.queue || [])].sort(urgency);
  queue.forEach((q) => {
    const tr = row([
      q.caseCode,
      badge('ZoneColour', q.zone || 'GREEN', 'zone'),
      q.emergency ? `${q.priority} · ${t('dispatch.emergency')}` : String(q.priority),
      since(q.queuedAt),
      q.wardCode,
      enumText('QueueReason', q.reason),
    ], { 'data-case': q.caseCode, 'data-id': q.caseId });
    tr.classList.toggle('escalated', q.emergency);
    tr.classList.toggle('selected', selected?.caseId === q.caseId);
    tr.title = when(q.queuedAt);
    body.append(tr);
  });
  $('#queue-empty').hidden = queue.length > 0;
  $('#updated').textContent = boardAt ? t('dispatch.updated', { time: when(boardAt, { seconds: true, date: false }) })
    : '';
}

function shift(team) {
  if (!team.shiftStart || !team.shiftEnd) {
    return t('dispatch.allDay');
  }
  return `${team.shiftStart.slice(0, 5)}–${team.shiftEnd.slice(0, 5)}`;
}

function kit(vehicle, equipment) {
  return [enumText('Vehicle', vehicle), ...(equipment || []).map((e) => enumText('Equipment', e))].join(' · ');
}

function renderTeams() {
  const body = $('#teams');
  body.replaceChildren();
  (board?.teams || []).forEach((team) => {
    const tr = row([
      `${team.code} — ${team.name}${team.reserve ? ` (${t('dispatch.reserve')})` : ''}`,
      badge('TeamStatus', team.status, 'team'),
      since(team.statusSince),
      shift(team),
      kit(team.vehicle, team.equipment),
      String(team.medicalStaff ?? '—'),
      team.caseCode || '—',
    ], { 'data-team': team.code, 'data-status': team.status });
    body.append(tr);
  });
  const counts = board?.teamsByStatus || {};
  $('#team-summary').textContent = board ? t('dispatch.summary', {
    available: counts.AVAILABLE ?? 0,
    busy: (counts.DISPATCHED ?? 0) + (counts.EN_ROUTE ?? 0) + (counts.ON_SCENE ?? 0),
    off: (counts.RETURNING ?? 0) + (counts.OFF_DUTY ?? 0),
  }) : '';
}

function renderTransports() {
  const body = $('#transports');
  body.replaceChildren();
  transports.forEach((tr) => {
    body.append(row([
      tr.caseCode,
      tr.hospitalName || tr.hospitalCode,
      [enumText('BedType', tr.bedType), tr.bedLabel].filter((x) => x && x !== '—').join(' · ') || '—',
      tr.teamCode || '—',
      badge('TransportStatus', tr.status, 'transport'),
      when(tr.requestedAt),
    ], { 'data-transport': tr.id, 'data-case': tr.caseCode, 'data-status': tr.status }));
  });
  $('#transports-empty').hidden = transports.length > 0;
}

function reasons(r) {
  return t('dispatch.reasons', {
    match: enumText('MatchedBy', r.matchedBy), district: r.homeDistrictCode, medics: r.medicalStaff,
    kit: kit(r.vehicle, r.equipment), load: r.recentLoad,
  });
}

function renderRecommendations() {
  $('#chosen-case').textContent = selected ? `— ${selected.caseCode}` : '';
  $('#pick-case').hidden = Boolean(selected);
  const teams = recommendations?.teams || [];
  $('#no-team').hidden = !selected || !recommendations || teams.length > 0;
  $('#send-form').hidden = !selected || teams.length === 0;
  const list = $('#recommendations');
  const checked = list.querySelector('input:checked')?.value;
  list.replaceChildren();
  teams.forEach((r) => {
    const li = el('li', null, { 'data-team': r.teamCode, 'data-rank': r.rank });
    const label = document.createElement('label');
    const radio = el('input', null, { type: 'radio', name: 'team', value: r.teamCode });
    radio.checked = chooseOther ? r.teamCode === checked : r.rank === 1;
    radio.disabled = !chooseOther;
    label.append(radio, el('strong', `${r.rank}. ${r.teamCode} — ${r.teamName}`));
    li.append(label, el('div', reasons(r), { class: 'reasons' }));
    list.append(li);
  });
  $('#override-label').hidden = !chooseOther;
  $('form#send-form button.other').hidden = chooseOther || teams.length < 2;
}

function renderAll() {
  renderQueue();
  renderTeams();
  renderTransports();
  renderRecommendations();
}

async function loadBoard() {
  const query = province ? `?provinceCode=${encodeURIComponent(province)}` : '';
  const response = await request('dispatch-service', settings.dispatchUrl, `/api/v1/board${query}`, {
    cache: 'no-store', headers: etag ? { 'If-None-Match': etag } : {},
  });
  if (response.status === 304) {
    boardAt = new Date().toISOString();
    return;
  }
  if (!response.ok) {
    $('#board-problem').textContent = t('dispatch.loadFailed', { status: response.status });
    return;
  }
  $('#board-problem').textContent = '';
  board = await response.json();
  etag = response.headers.get('ETag'); // null if the service does not expose it: then every poll redraws
  boardAt = board.at;
  if (selected && !board.queue.some((q) => q.caseId === selected.caseId)) {
    selected = null; // sent (here or by another dispatcher), or taken by a team that freed up
    recommendations = null;
  }
}

async function loadTransports() {
  const answer = await api('/api/v1/transports');
  if (!answer.ok) {
    $('#transports-problem').textContent = t('dispatch.loadFailed', { status: answer.status });
    return;
  }
  $('#transports-problem').textContent = '';
  transports = answer.body.filter((tr) => OPEN_TRANSPORTS.includes(tr.status))
    .sort((a, b) => new Date(a.requestedAt) - new Date(b.requestedAt));
}

async function refresh() {
  try {
    await Promise.all([loadBoard(), loadTransports()]);
  } catch (e) {
    $('#board-problem').textContent = e.message;
  }
  renderAll();
}

async function select(event) {
  const tr = event.target.closest('tr[data-id]');
  if (!tr) {
    return;
  }
  selected = { caseId: tr.dataset.id, caseCode: tr.dataset.case };
  recommendations = null;
  chooseOther = false;
  $('#override-reason').value = '';
  clearProblems();
  $('#sent').textContent = '';
  renderAll();
  const answer = await api(`/api/v1/cases/${encodeURIComponent(selected.caseId)}/recommendations`);
  if (selected?.caseId !== tr.dataset.id) {
    return; // another case was chosen meanwhile
  }
  if (!answer.ok) {
    showProblem(answer, $('#send-problem'));
    return;
  }
  recommendations = answer.body;
  renderRecommendations();
}

function clearProblems() {
  ['#send-problem', '#reason-problem'].forEach((s) => { $(s).textContent = ''; });
}

async function send(event) {
  event.preventDefault();
  clearProblems();
  const teams = recommendations?.teams || [];
  const teamCode = chooseOther ? $('#recommendations input:checked')?.value : teams[0]?.teamCode;
  if (!selected || !teamCode) {
    return;
  }
  const top = teamCode === teams[0]?.teamCode;
  const reason = $('#override-reason').value.trim();
  if (!top && !reason) {
    $('#reason-problem').textContent = t('dispatch.reasonRequired');
    $('#override-reason').focus();
    return;
  }
  const button = $('button.send');
  button.disabled = true;
  try {
    const answer = await api('/api/v1/assignments', {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ caseId: selected.caseId, teamCode, reason: top ? null : reason }),
    });
    if (!answer.ok) {
      showProblem(answer, $('#send-problem'));
      return;
    }
    $('#sent').textContent = t('dispatch.sent', { team: teamCode, case: selected.caseCode });
    selected = null;
    recommendations = null;
    chooseOther = false;
    etag = null; // the board has changed: fetch it whole
    await refresh();
  } finally {
    button.disabled = false;
  }
}

function otherTeam() {
  chooseOther = true;
  renderRecommendations();
  $('#override-reason').focus();
}

async function start() {
  await loadTexts();
  $('#lang').addEventListener('click', switchLanguage);
  onLanguageChange(renderAll);
  settings = await signedIn();
  applyTexts();
  const claim = me().province_codes;
  province = (Array.isArray(claim) ? claim[0] : claim) || null;
  $('#queue').addEventListener('click', select);
  $('#send-form').addEventListener('submit', send);
  $('form#send-form button.other').addEventListener('click', otherTeam);
  await refresh();
  setInterval(refresh, POLL_MS);
  $('#status').textContent = '';
  $('#app').hidden = false;
}

start().catch((e) => {
  $('#status').textContent = e.message;
});
