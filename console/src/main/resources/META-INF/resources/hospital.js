// Hotline 1022 console, the hospital's page (the small portal): the referrals 1022 sent this hospital, answered with
// a bed or a reason before their deadline. referral-service shows hospital staff their own hospital's referrals only.

import { api as callApi, showProblem, start as signedIn, text } from './session.js';

const REASONS = {
  NO_BEDS: 'No bed of this type after all', NO_SPECIALTY: 'No such specialty', NO_STAFF: 'No staff to treat',
  OTHER: 'Other (say why)',
};
const OPEN = ['PENDING', 'RECEIVED'];
// Vietnamese first: what an answered referral means now. ACCEPTED: 1022's ambulance (or the family) is bringing the
// patient; the hospital records the admission when the patient came by other means (a team's handover records it).
const STAGES = {
  ACCEPTED: 'Đang chuyển bệnh nhân (patient on the way)', COMPLETED: 'Đã nhập viện (admitted)',
  FAILED: 'Không nhập viện (not admitted)',
};

const $ = (selector) => document.querySelector(selector);
let settings;
let shown; // the ids of the referrals on screen

function api(path, init) {
  return callApi('referral-service', settings.referralUrl, path, init);
}

function minutesLeft(deadline) {
  return Math.max(0, Math.round((new Date(deadline) - Date.now()) / 60000));
}

function card(r) {
  return `<article class="referral" data-id="${text(r.id)}" data-case="${text(r.caseCode)}">
    <h3>${text(r.caseCode)} · ${text(r.severity)} · ${text(r.bedType)} bed</h3>
    <p>${text(r.clinicalSummary)}</p>
    <p>Answer within <strong>${text(minutesLeft(r.answerDeadline))} min</strong>
       (${text(new Date(r.answerDeadline).toLocaleTimeString('vi-VN'))}); then 1022 asks the next hospital.</p>
    <form class="accept" novalidate>
      <label>Bed <input name="bedLabel" maxlength="100" placeholder="Khoa Hồi sức, giường 12"></label>
      <button type="submit">Accept</button>
      <p class="error" data-field="bedLabel"></p>
    </form>
    <form class="reject" novalidate>
      <label>Reason <select name="reason">${Object.entries(REASONS)
    .map(([v, l]) => `<option value="${v}">${text(l)}</option>`).join('')}</select></label>
      <label>Detail <input name="detail" maxlength="2000"></label>
      <button type="submit">Reject</button>
      <p class="error" data-field="detail"></p>
    </form>
    <p class="error problem"></p>
  </article>`;
}

async function load() {
  const answer = await api('/api/v1/referrals');
  if (!answer.ok) {
    $('#status').textContent = `Referrals could not be loaded (${answer.status}).`;
    return;
  }
  const referrals = answer.body;
  const open = referrals.filter((r) => OPEN.includes(r.status));
  const ids = open.map((r) => r.id).join();
  if (ids !== shown) { // redrawn only when the list changes: a bed label being typed is not wiped
    $('#referrals').innerHTML = open.map(card).join('');
    shown = ids;
  }
  $('#none').hidden = open.length > 0;
  $('#answered').innerHTML = referrals.filter((r) => !OPEN.includes(r.status) && r.answeredAt).reverse()
    .map((r) => `<tr data-case="${text(r.caseCode)}"><td>${text(r.caseCode)}</td>`
      + `<td>${text(r.status)}${STAGES[r.status] ? ` — ${text(STAGES[r.status])}` : ''}</td>`
      + `<td>${text(r.bedLabel)}</td><td>${text(new Date(r.answeredAt).toLocaleString('vi-VN'))}</td>`
      + `<td>${r.status === 'ACCEPTED' ? `<button type="button" class="admit" data-id="${text(r.id)}">`
        + 'Đã tiếp nhận (Record admission)</button>' : ''}</td></tr>`)
    .join('');
}

async function answer(event) {
  event.preventDefault();
  const form = event.target;
  const article = form.closest('article');
  article.querySelectorAll('.error').forEach((e) => { e.textContent = ''; });
  const data = Object.fromEntries(new FormData(form));
  const accepting = form.classList.contains('accept');
  const reply = await api(`/api/v1/referrals/${encodeURIComponent(article.dataset.id)}/${accepting ? 'acceptance'
    : 'rejection'}`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(accepting ? { bedLabel: data.bedLabel } : { reason: data.reason, detail: data.detail || null }),
  });
  if (!reply.ok) {
    showProblem(reply, article.querySelector('.problem'));
    return;
  }
  await load();
}

/** The patient arrived by other means: the hospital records the admission itself. */
async function admit(event) {
  const button = event.target.closest('button.admit');
  if (!button) {
    return;
  }
  $('#admission-problem').textContent = '';
  button.disabled = true;
  const reply = await api(`/api/v1/referrals/${encodeURIComponent(button.dataset.id)}/admission`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ admitted: true }),
  });
  if (!reply.ok) {
    showProblem(reply, $('#admission-problem'));
    button.disabled = false;
    return;
  }
  await load();
}

async function start() {
  settings = await signedIn();
  $('#refresh').addEventListener('click', load);
  $('#referrals').addEventListener('submit', answer);
  $('#answered').addEventListener('click', admit);
  await load();
  setInterval(load, 10000); // new referrals arrive while the page is open
  $('#status').textContent = '';
  $('#app').hidden = false;
}

start().catch((e) => {
  $('#status').textContent = e.message;
});
