// Hotline 1022 console, the hospital's page (the small portal): the referrals 1022 sent this hospital, opened
// (receipt), answered with a bed or a reason before their deadline, and the admission's outcome; the hospital's beds
// per type and pausing its intake. referral-service shows hospital staff their own hospital only; the page adds no rule.
// How far each patient is: straight line between the case's and the hospital's district centres (geo.js).
// Words in messages/*.json (hospital.*, enum.*), through i18n.js; times in Vietnam's time zone.

import { api as callApi, start as signedIn } from './session.js';
import { enumText, loadTexts, onLanguageChange, switchLanguage, t, vietnamInstant, when } from './i18n.js';
import { clearErrors, el, showFieldErrors } from './dom.js';
import { ATTRIBUTION, centres, districtDistance, loadDistricts } from './geo.js';
import { dischargeCell, startDischarges } from './hospital-discharge.js';
import { loadHospital, ownHospital, renderHospital, startBeds } from './hospital-beds.js';

const REASONS = ['NO_BEDS', 'NO_SPECIALTY', 'NO_STAFF', 'OTHER'];
const OPEN = ['PENDING', 'RECEIVED'];
const EVERY_MS = 10000; // new referrals arrive while the page is open

const $ = (selector) => document.querySelector(selector);
let settings;
let referrals = []; // as the API gave them
let shownOpen = null; // the ids of the cards on screen: redrawn only when they change (a bed label being typed stays)
let shownAnswered = null;
const districtNames = new Map(); // district code -> name, from intake's administrative units
const provincesRead = new Set();
let districtCentres = new Map(); // district code -> [lon, lat], from data/districts.geojson (read once)

function api(path, init) {
  return callApi('referral-service', settings.referralUrl, path, init);
}

function post(path, body) {
  return api(path, {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

function put(path, body) {
  return api(path, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
}

function districtText(code) {
  if (!code) {
    return '—';
  }
  const name = districtNames.get(code);
  return name ? `${name} (${code})` : code;
}

/** The districts of the provinces seen, once per province, for their names (intake's reference data). */
async function loadDistrictNames(provinces) {
  const unread = [...new Set(provinces.filter(Boolean))].filter((p) => !provincesRead.has(p));
  unread.forEach((p) => provincesRead.add(p)); // asked once
  await Promise.all(unread.map(async (p) => {
    const answer = await callApi('intake-service', settings.intakeUrl,
      `/api/v1/admin-units/provinces/${encodeURIComponent(p)}/districts`);
    (answer.ok ? answer.body || [] : []).forEach((d) => districtNames.set(d.code, d.name));
  }));
}

// ------------------------------------------------------------------------------------------------ open referrals

function minutesLeft(deadline) {
  return Math.max(0, Math.round((new Date(deadline) - Date.now()) / 60000));
}

/**
 * How far the case is from the hospital asked. No coordinates travel with a referral, so the straight line between
 * the two districts' centres: an order of size, not a route. Without a centre for either, no number at all.
 */
function distanceEl(tag, r) {
  // Before referral-service carried the hospital's district, only the staff's own hospital was known.
  const hospital = ownHospital();
  const to = r.hospitalDistrictCode ?? (hospital && r.hospitalId === hospital.id ? hospital.districtCode : null);
  const d = districtDistance(districtCentres, r.districtCode, to);
  const text = d.kind === 'same' ? t('hospital.sameDistrict')
    : d.kind === 'km' ? t('hospital.distanceKm', { km: d.km })
      : [d.other ? t('hospital.otherDistrict') : '', t('hospital.distanceUnknown')].filter(Boolean).join(', ');
  return el(tag, { class: 'distance', 'data-distance': d.kind, 'data-km': d.km }, text);
}

/** Where the case is, and how far from the hospital. */
function where(r) {
  return el('p', { class: 'where' }, t('hospital.caseDistrict', { district: districtText(r.districtCode) }), ' — ',
    distanceEl('span', r));
}

function card(r) {
  const reasons = el('select', { name: 'reason' },
    ...REASONS.map((v) => el('option', { value: v }, enumText('RejectionReason', v))));
  return el('article', { class: 'referral', 'data-id': r.id, 'data-case': r.caseCode, 'data-status': r.status },
    el('h3', {},
      el('span', { class: 'case' }, r.caseCode), ' · ',
      el('span', { class: 'severity', 'data-severity': r.severity || 'NOT_ASSESSED' },
        r.severity ? enumText('Severity', r.severity) : t('hospital.notAssessed')), ' · ',
      el('span', { class: 'bed-type', 'data-bed-type': r.bedType }, enumText('BedType', r.bedType))),
    el('p', { class: 'summary' }, el('span', {}, t('hospital.clinicalSummary')), ' ',
      r.clinicalSummary || t('hospital.noSummary')),
    el('p', { class: 'facts' },
      el('span', { class: 'opened-by' }, enumText('ReferralOpenedBy', r.openedBy)),
      r.priority != null ? ` · ${t('hospital.priority', { n: r.priority })}` : '',
      r.attempt > 1 ? ` · ${t('hospital.attempt', { n: r.attempt })}` : '',
      r.routingReason ? ` · ${r.routingReason}` : ''), // why a hospital of this tier (LevelRule)
    where(r),
    el('p', { class: 'deadline' }),
    el('p', { class: 'receipt' }, el('span', { class: 'received' }),
      el('button', { type: 'button', class: 'receive' }, t('hospital.receive'))),
    el('form', { class: 'accept', novalidate: true },
      el('label', {}, t('hospital.bedLabel'), ' ',
        el('input', { name: 'bedLabel', maxlength: 100, placeholder: t('hospital.bedLabelExample') })),
      el('label', {}, t('hospital.expectedArrival'), ' ', el('input', { name: 'expectedArrival', type: 'datetime-local' })),
      el('button', { type: 'submit' }, t('hospital.accept')),
      el('p', { class: 'error', 'data-field': 'bedLabel' }),
      el('p', { class: 'error', 'data-field': 'expectedArrival' })),
    el('form', { class: 'reject', novalidate: true },
      el('label', {}, t('hospital.reason'), ' ', reasons),
      el('label', {}, t('hospital.detail'), ' ', el('input', { name: 'detail', maxlength: 2000 })),
      el('button', { type: 'submit' }, t('hospital.reject')),
      el('p', { class: 'error', 'data-field': 'reason' }),
      el('p', { class: 'error', 'data-field': 'detail' })),
    el('p', { class: 'error problem' }));
}

/** What changes on a card without redrawing it: the minutes left and whether it was received. */
function refreshCard(article, r) {
  article.dataset.status = r.status;
  article.querySelector('.deadline').textContent = t('hospital.deadline', {
    minutes: minutesLeft(r.answerDeadline), time: when(r.answerDeadline, { date: false }),
  });
  const received = r.status === 'RECEIVED';
  const slot = article.querySelector('.received');
  slot.dataset.received = String(received);
  slot.textContent = received ? t('hospital.receivedAt', { time: when(r.receivedAt) }) : t('hospital.notReceived');
  article.querySelector('button.receive').hidden = received;
}

function renderOpen() {
  const open = referrals.filter((r) => OPEN.includes(r.status));
  const ids = open.map((r) => r.id).join();
  if (ids !== shownOpen) {
    $('#referrals').replaceChildren(...open.map(card));
    shownOpen = ids;
  }
  open.forEach((r) => {
    const article = $('#referrals').querySelector(`article[data-id="${CSS.escape(r.id)}"]`);
    if (article) {
      refreshCard(article, r);
    }
  });
  $('#none').hidden = open.length > 0;
}

// ------------------------------------------------------------------------------------------------ answered ones

function statusCell(r) {
  const parts = [enumText('ReferralStatus', r.status)];
  const stage = t(`hospital.stage.${r.status}`);
  if (stage !== `hospital.stage.${r.status}`) {
    parts.push(stage);
  }
  if (r.rejectionReason) {
    parts.push(enumText('RejectionReason', r.rejectionReason) + (r.rejectionDetail ? `: ${r.rejectionDetail}` : ''));
  }
  if (r.admissionNote) {
    parts.push(r.admissionNote);
  }
  return el('td', { class: 'status', 'data-status': r.status }, parts.join(' — '));
}

/** An accepted patient came (by other means than 1022's team) or did not: the hospital records which. */
function admissionCell(r) {
  if (r.status === 'COMPLETED') {
    return dischargeCell(r);
  }
  if (r.status !== 'ACCEPTED') {
    return el('td', {}, r.closedAt && r.status !== 'REJECTED' && r.status !== 'EXPIRED' ? when(r.closedAt) : '');
  }
  return el('td', {},
    el('button', { type: 'button', class: 'admit', 'data-id': r.id }, t('hospital.admit')), ' ',
    el('form', { class: 'not-admitted', 'data-id': r.id, novalidate: true },
      el('input', { name: 'note', maxlength: 2000, placeholder: t('hospital.notAdmittedNote') }),
      el('button', { type: 'submit' }, t('hospital.notAdmitted')),
      el('p', { class: 'error', 'data-field': 'note' }),
      el('p', { class: 'error', 'data-field': 'admitted' }),
      el('p', { class: 'error problem' })));
}

function renderAnswered() {
  const answered = referrals.filter((r) => !OPEN.includes(r.status) && r.answeredAt).reverse();
  const key = answered.map((r) => `${r.id}:${r.status}:${r.dischargedAt}`).join();
  if (key === shownAnswered) {
    return; // a note being typed stays
  }
  shownAnswered = key;
  $('#answered').replaceChildren(...answered.map((r) => el('tr', { 'data-case': r.caseCode, 'data-status': r.status },
    el('td', {}, r.caseCode), statusCell(r), el('td', { class: 'bed' }, r.bedLabel || '—'),
    el('td', {}, when(r.answeredAt)), distanceEl('td', r), el('td', { class: 'arrival' }, when(r.expectedArrival)),
    admissionCell(r))));
}

async function load() {
  const answer = await api('/api/v1/referrals');
  if (!answer.ok) {
    $('#status').textContent = t('hospital.loadFailed', { status: answer.status });
    return;
  }
  $('#status').textContent = '';
  referrals = answer.body || [];
  await loadDistrictNames(referrals.map((r) => r.provinceCode).concat(ownHospital()?.provinceCode));
  renderOpen();
  renderAnswered();
}

async function receive(event) {
  const button = event.target.closest('button.receive');
  if (!button) {
    return;
  }
  const article = button.closest('article');
  clearErrors(article);
  button.disabled = true;
  const reply = await post(`/api/v1/referrals/${encodeURIComponent(article.dataset.id)}/receipt`);
  button.disabled = false;
  if (!reply.ok) {
    showFieldErrors(reply, article, article.querySelector('.problem'), 'hospital.refused');
    return;
  }
  await load();
}

async function answer(event) {
  event.preventDefault();
  const form = event.target;
  const article = form.closest('article');
  if (!article) {
    return;
  }
  clearErrors(article);
  const data = Object.fromEntries(new FormData(form));
  const accepting = form.classList.contains('accept');
  const reply = await post(`/api/v1/referrals/${encodeURIComponent(article.dataset.id)}/${accepting ? 'acceptance'
    : 'rejection'}`, accepting ? { bedLabel: data.bedLabel, expectedArrival: vietnamInstant(data.expectedArrival) }
    : { reason: data.reason, detail: data.detail || null });
  if (!reply.ok) {
    showFieldErrors(reply, article, article.querySelector('.problem'), 'hospital.refused');
    return;
  }
  await load();
}

/** The admission's outcome: admitted (the button), or not (the form, with why). */
async function admission(event) {
  const button = event.target.closest('button.admit');
  const form = event.type === 'submit' ? event.target.closest('form.not-admitted') : null;
  if (!button && !form) {
    return;
  }
  event.preventDefault();
  $('#admission-problem').textContent = '';
  const cell = (button || form).closest('td');
  clearErrors(cell);
  const id = button ? button.dataset.id : form.dataset.id;
  const body = button ? { admitted: true } : { admitted: false, note: new FormData(form).get('note') || null };
  cell.querySelectorAll('button').forEach((b) => { b.disabled = true; });
  const reply = await post(`/api/v1/referrals/${encodeURIComponent(id)}/admission`, body);
  cell.querySelectorAll('button').forEach((b) => { b.disabled = false; });
  if (!reply.ok) {
    showFieldErrors(reply, cell, cell.querySelector('.problem') || $('#admission-problem'), 'hospital.refused');
    return;
  }
  await load();
}

// ------------------------------------------------------------------------------------------------ start

/** The district centres, once: without the file the page still works, every distance then "unknown". */
async function loadCentres() {
  try {
    districtCentres = centres(await loadDistricts());
  } catch (e) {
    console.warn(e);
  }
}

async function start() {
  await loadTexts();
  $('#lang').addEventListener('click', switchLanguage);
  settings = await signedIn();
  onLanguageChange(() => {
    shownOpen = null; // the cards are drawn again in the new language
    shownAnswered = null;
    renderOpen();
    renderAnswered();
    renderHospital();
  });
  $('#refresh').addEventListener('click', () => Promise.all([load(), loadHospital()]));
  $('#referrals').addEventListener('submit', answer);
  $('#referrals').addEventListener('click', receive);
  $('#answered').addEventListener('click', admission);
  $('#answered').addEventListener('submit', admission);
  startDischarges($('#answered'), post, load);
  startBeds({ api, put, districtText, loadDistrictNames });
  $('#distance-source').textContent = ATTRIBUTION;
  await Promise.all([loadHospital(), loadCentres()]);
  await load();
  setInterval(load, EVERY_MS);
  $('#status').textContent = '';
  $('#app').hidden = false;
}

start().catch((e) => {
  $('#status').textContent = e.message;
});
