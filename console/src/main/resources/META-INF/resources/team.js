// Hotline 1022 console, the rapid-response team's job app (phone-sized, installable): the team's current job with the
// household's address and phone (from dispatch-service, only while the job is live), the next step, and the next job.
// Steps taken offline wait in localStorage (each with its own id) and are sent when the network returns; a step the
// API already has (409, seen in the assignment's status) counts as sent, so none is applied twice.

import { api as callApi, me, showProblem, start as signedIn } from './session.js';
import { applyTexts, enumText, loadTexts, onLanguageChange, switchLanguage, t } from './i18n.js';

const $ = (selector) => document.querySelector(selector);
const QUEUE_KEY = 'team.pendingSteps';
const STEPS = { DISPATCHED: 'acceptance', ACCEPTED: 'departure', EN_ROUTE: 'arrival', ARRIVED: 'completion' };
const REACHED = { acceptance: 'ACCEPTED', departure: 'EN_ROUTE', arrival: 'ARRIVED', completion: 'COMPLETED' };
const ORDER = ['DISPATCHED', 'ACCEPTED', 'EN_ROUTE', 'ARRIVED', 'COMPLETED'];
let settings;
let teamCode;
let current; // the job on screen
let sending = false;

function api(path, init) {
  return callApi('dispatch-service', settings.dispatchUrl, path, init);
}

function pending() {
  try {
    return JSON.parse(localStorage.getItem(QUEUE_KEY) || '[]');
  } catch {
    return [];
  }
}

function savePending(steps) {
  localStorage.setItem(QUEUE_KEY, JSON.stringify(steps));
  $('#pending-count').textContent = String(steps.length);
}

/** The status the job will have once the queued steps are sent. */
function expectedStatus(job) {
  const mine = pending().filter((s) => s.assignmentId === job.assignmentId);
  return mine.length ? REACHED[mine[mine.length - 1].step] : job.status;
}

function renderJob(jobs) {
  current = jobs.current;
  $('#no-job').hidden = !!current;
  $('#job-body').hidden = !current;
  if (current) {
    const status = expectedStatus(current);
    $('#job-code').textContent = current.caseCode;
    $('#job-status').textContent = t(`team.status.${status}`);
    $('#job-ward').textContent = current.wardCode || '—';
    $('#job-needs').textContent = (current.needs || []).map((n) => enumText('Need', n)).join(', ') || '—';
    const step = STEPS[status];
    $('#next-step').hidden = !step;
    $('#next-step').dataset.step = step || '';
    $('#next-step').textContent = step ? t(`team.step.${step}`) : '';
    $('#completion').hidden = step !== 'completion';
  }
  const next = jobs.next;
  $('#next-job').hidden = !next;
  if (next) {
    $('#next-code').textContent = next.caseCode;
    $('#next-ward').textContent = next.wardCode || '—';
    $('#next-needs').textContent = (next.needs || []).map((n) => enumText('Need', n)).join(', ');
  }
}

async function loadContact(job) {
  $('#contact-problem').textContent = '';
  const answer = await api(`/api/v1/assignments/${encodeURIComponent(job.assignmentId)}/contact`);
  if (!answer.ok) {
    $('#job-address').textContent = '';
    $('#call').hidden = true;
    $('#map').hidden = true;
    if (answer.status === 410) {
      $('#contact-problem').textContent = t('team.erased');
    } else {
      showProblem(answer, $('#contact-problem'));
    }
    return;
  }
  const c = answer.body;
  $('#job-address').textContent = c.addressText || '—';
  $('#job-name').textContent = c.callerName || '';
  $('#job-notes').textContent = c.notes || '';
  $('#call').hidden = !c.phone;
  if (c.phone) {
    $('#call').href = `tel:${c.phone}`;
    $('#call').textContent = `${t('team.call')} ${c.phone}`;
  }
  const place = [c.addressText, c.wardCode].filter(Boolean).join(', ');
  $('#map').hidden = !place;
  $('#map').href = `geo:0,0?q=${encodeURIComponent(place)}`;
}

async function refresh() {
  if (!navigator.onLine) {
    return;
  }
  let answer;
  try {
    answer = await api(`/api/v1/teams/${encodeURIComponent(teamCode)}/jobs`);
  } catch {
    return; // offline: what is on screen stays
  }
  if (!answer.ok) {
    showProblem(answer, $('#status'));
    $('#status').hidden = false;
    return;
  }
  const before = current?.assignmentId;
  renderJob(answer.body);
  if (current && current.assignmentId !== before) {
    await loadContact(current);
  }
}

function completionBody() {
  const number = (id) => ($(id).value === '' ? null : Number($(id).value));
  const clinical = { spo2: number('#spo2'), respiratoryRate: number('#respiratory-rate'),
    symptoms: $('#symptoms').value.trim() || null };
  const hasClinical = Object.values(clinical).some((v) => v !== null);
  return { outcome: $('#outcome').value, clinicalNotes: hasClinical ? clinical : null,
    note: $('#note').value.trim() || null };
}

function takeStep() {
  const step = $('#next-step').dataset.step;
  if (!current || !step) {
    return;
  }
  $('#step-problem').textContent = '';
  const entry = { id: crypto.randomUUID(), assignmentId: current.assignmentId, caseId: current.caseId, step,
    body: step === 'completion' ? completionBody() : null, at: new Date().toISOString() };
  savePending([...pending(), entry]);
  renderJob({ current, next: null });
  flush();
}

/** Whether the assignment already has the status this step leads to (or a later one). */
async function alreadyApplied(entry) {
  const answer = await api(`/api/v1/assignments?caseId=${encodeURIComponent(entry.caseId)}`);
  const found = answer.ok ? (answer.body || []).find((a) => a.id === entry.assignmentId) : null;
  return !!found && ORDER.indexOf(found.status) >= ORDER.indexOf(REACHED[entry.step]);
}

/** Sends the queued steps in order; stops at the first that cannot be sent now (offline, server down). */
async function flush() {
  if (sending || !navigator.onLine) {
    return;
  }
  sending = true;
  try {
    let queue = pending();
    while (queue.length) {
      const entry = queue[0];
      let answer;
      try {
        answer = await api(`/api/v1/assignments/${encodeURIComponent(entry.assignmentId)}/${entry.step}`, {
          method: 'POST',
          headers: entry.body ? { 'Content-Type': 'application/json' } : {},
          body: entry.body ? JSON.stringify(entry.body) : undefined,
        });
      } catch {
        return; // the network again: keep it for the next try
      }
      if (answer.status >= 500) {
        return;
      }
      if (!answer.ok && !(answer.status === 409 && await alreadyApplied(entry))) {
        showProblem(answer, $('#step-problem')); // refused for good (e.g. another step came first): dropped
      }
      queue = pending().filter((s) => s.id !== entry.id);
      savePending(queue);
    }
  } finally {
    sending = false;
  }
  await refresh();
}

function showNetwork() {
  $('#offline').hidden = navigator.onLine;
}

async function main() {
  await loadTexts();
  applyTexts();
  $('#language').addEventListener('click', switchLanguage);
  onLanguageChange(() => {
    applyTexts();
    refresh();
  });
  savePending(pending());
  showNetwork();
  try {
    settings = await signedIn();
  } catch (e) {
    $('#status').textContent = e.message;
    return;
  }
  teamCode = me().team_code;
  if (!teamCode) {
    $('#status').textContent = t('team.noTeam');
    return;
  }
  $('#team-code').textContent = teamCode;
  $('#status').hidden = true;
  $('#app').hidden = false;
  $('#next-step').addEventListener('click', takeStep);
  window.addEventListener('online', () => {
    showNetwork();
    flush();
  });
  window.addEventListener('offline', showNetwork);
  setInterval(() => {
    showNetwork();
    if (pending().length) {
      flush();
    } else {
      refresh();
    }
  }, 5000);
  await flush();
  await refresh();
  if ('serviceWorker' in navigator) {
    navigator.serviceWorker.register('team-sw.js').catch(() => {}); // the app works without it, online
  }
}

main();
