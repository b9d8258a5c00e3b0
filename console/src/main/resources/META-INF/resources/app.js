// Hotline 1022 call console, the agent's page: take a call, watch the case, the work queue. Works on intake-service's
// API with the agent's own token (session.js). No framework, no build step: the page is what the browser runs.

import { api as callApi, me, onBeforeSignIn, showProblem, start as signedIn, text } from './session.js';

const NEEDS = {
  EMERGENCY_TRANSPORT: 'Emergency transport (cấp cứu)', HOSPITAL_ADMISSION: 'Hospital admission (nhập viện)',
  MEDICAL_CONSULTATION: 'Medical advice (tư vấn y tế)', FOOD: 'Food (lương thực)', RENT_SUPPORT: 'Rent (tiền nhà)',
  CASH_SUPPORT: 'Cash (tiền mặt)', OXYGEN_SUPPORT: 'Oxygen (bình oxy)', INFORMATION: 'Information (thông tin)',
  VIOLATION_REPORT: 'Report a violation (phản ánh vi phạm)',
};
const VULNERABILITIES = {
  ELDERLY: 'Elderly', PREGNANT: 'Pregnant', YOUNG_CHILDREN: 'Young children', DISABILITY: 'Disability',
  CHRONIC_ILLNESS: 'Chronic illness',
};

const $ = (selector) => document.querySelector(selector);
let settings;
let openCase; // the code shown in the case panel
let polling;

// The call being typed lives in sessionStorage (this tab only) until intake has it, so a sign-in round trip, a reload
// or a crash does not lose it. Only the form's fields: the token never goes to storage.
const DRAFT_KEY = 'hotline1022.callDraft';
const DRAFT_DELAY_MS = 300;
let draftTimer = null;

// ---------------------------------------------------------------------------------------------------- new call

function options(select, items, value, label) {
  select.innerHTML = items.map((i) => `<option value="${text(value(i))}">${text(label(i))}</option>`).join('');
}

function api(path, init) {
  return callApi('intake-service', settings.intakeUrl, path, init);
}

async function loadDistricts(province) {
  const districts = (await api(`/api/v1/admin-units/provinces/${encodeURIComponent(province)}/districts`)).body || [];
  options($('[name=district]'), districts, (d) => d.code, (d) => d.name);
  await loadWards($('[name=district]').value);
}

async function loadWards(district) {
  const wards = district ? (await api(`/api/v1/admin-units/districts/${encodeURIComponent(district)}/wards`)).body
    : [];
  options($('[name="location.wardCode"]'), wards || [], (w) => w.code, (w) => w.fullName || w.name);
}

// ---------------------------------------------------------------------------------------------------- draft

function saveDraft() {
  clearTimeout(draftTimer);
  draftTimer = null;
  const form = $('#call-form');
  sessionStorage.setItem(DRAFT_KEY, JSON.stringify({ callId: form.dataset.callId, fields: [...new FormData(form)] }));
}

function saveDraftSoon() {
  clearTimeout(draftTimer);
  draftTimer = setTimeout(saveDraft, DRAFT_DELAY_MS);
}

function clearDraft() {
  clearTimeout(draftTimer);
  draftTimer = null;
  sessionStorage.removeItem(DRAFT_KEY);
  $('#draft-restored').hidden = true;
}

/** Puts a saved draft back: the place first (each list loads from the one above), then every other field. */
async function restoreDraft() {
  const draft = JSON.parse(sessionStorage.getItem(DRAFT_KEY) || 'null');
  if (!draft) {
    return;
  }
  const values = new Map();
  draft.fields.forEach(([name, value]) => values.set(name, [...(values.get(name) || []), value]));
  const choose = async (name, load) => {
    const select = $(`[name="${name}"]`);
    if (values.has(name)) {
      select.value = values.get(name)[0];
    }
    if (load) {
      await load(select.value);
    }
  };
  await choose('province', loadDistricts);
  await choose('district', loadWards);
  await choose('location.wardCode');
  const form = $('#call-form');
  for (const field of form.elements) {
    if (field.type === 'checkbox') {
      field.checked = (values.get(field.name) || []).includes(field.value);
    } else if (field.name && field.tagName !== 'SELECT' && values.has(field.name)) {
      field.value = values.get(field.name)[0];
    }
  }
  if (draft.callId) {
    form.dataset.callId = draft.callId; // the same call: intake takes a retry of one it already has only once
  }
  $('#draft-restored').hidden = false;
}

async function prepareForm() {
  $('#needs').insertAdjacentHTML('beforeend', Object.entries(NEEDS).map(([need, label]) =>
    `<label><input type="checkbox" name="needs" value="${need}"> ${text(label)}</label>`).join(''));
  $('#vulnerabilities').innerHTML = Object.entries(VULNERABILITIES).map(([v, label]) =>
    `<label><input type="checkbox" name="vulnerabilities" value="${v}"> ${text(label)}</label>`).join('');
  const provinces = (await api('/api/v1/admin-units/provinces')).body || [];
  options($('[name=province]'), provinces, (p) => p.code, (p) => p.name);
  if (provinces.some((p) => p.code === '74')) {
    $('[name=province]').value = '74'; // Bình Dương, where the 2021 figures come from
  }
  await loadDistricts($('[name=province]').value);
  await restoreDraft();
  // The lists below a changed one reload: save again once they have, so the draft holds the ward shown.
  $('[name=province]').addEventListener('change', (e) => loadDistricts(e.target.value).then(saveDraftSoon));
  $('[name=district]').addEventListener('change', (e) => loadWards(e.target.value).then(saveDraftSoon));
  $('#call-form').addEventListener('input', saveDraftSoon);
  $('#call-form').addEventListener('change', saveDraftSoon);
  $('#call-form').addEventListener('submit', submitCall);
  onBeforeSignIn(() => draftTimer && saveDraft()); // typed in the last instant before leaving: keep it too
}

async function submitCall(event) {
  event.preventDefault();
  const form = event.target;
  document.querySelectorAll('.error').forEach((e) => { e.textContent = ''; });
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
  const answer = await api('/api/v1/calls', {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(call),
  });
  if (answer.status !== 200 && answer.status !== 201) {
    showProblem(answer, $('#form-error'));
    return;
  }
  clearDraft(); // intake has the call: only now may the draft go
  delete form.dataset.callId;
  form.reset();
  await showCase(answer.body.code);
  await loadQueue();
}

// ---------------------------------------------------------------------------------------------------- case view

async function showCase(code) {
  openCase = code;
  clearInterval(polling);
  await renderCase();
  polling = setInterval(renderCase, 2000); // the timeline fills in as the services act
}

async function renderCase() {
  const answer = await api(`/api/v1/cases/${encodeURIComponent(openCase)}`);
  if (!answer.ok) {
    return;
  }
  const c = answer.body;
  $('#case-empty').hidden = true;
  $('#case').hidden = false;
  $('#case-code').textContent = c.code;
  $('#case-status').textContent = c.status;
  $('#case-priority').textContent = c.priority;
  $('#case-linked').textContent = c.repeatCount ? `· called ${c.repeatCount + 1} times` : '';
  $('#case-reasons').innerHTML = (c.priorityReasons || [])
    .map((r) => `<li>${text(r.rule)} (+${text(r.points)})</li>`).join('');
  $('#timeline').innerHTML = (c.timeline || []).map((s) => `<li data-type="${text(s.type)}">`
    + `<time>${text(new Date(s.at).toLocaleString('vi-VN'))}</time><strong>${text(s.type)}</strong> `
    + `${text(s.summary)}</li>`).join('');
}

// ---------------------------------------------------------------------------------------------------- work queue

async function loadQueue() {
  const cases = (await api('/api/v1/cases?size=20')).body || [];
  $('#queue').innerHTML = cases.map((c) => `<tr data-code="${text(c.code)}"><td>${text(c.code)}</td>`
    + `<td>${text(c.priority)}</td><td>${text(c.status)}</td><td>${text((c.needs || []).join(', '))}</td>`
    + `<td>${text(c.location?.wardCode)}</td></tr>`).join('');
}

// ---------------------------------------------------------------------------------------------------- start

async function start() {
  settings = await signedIn();
  $('#refresh-queue').addEventListener('click', loadQueue);
  $('#queue').addEventListener('click', (e) => {
    const row = e.target.closest('tr[data-code]');
    if (row) {
      showCase(row.dataset.code);
    }
  });
  await prepareForm();
  await loadQueue();
  $('#status').textContent = '';
  $('#app').hidden = false;
}

start().catch((e) => {
  $('#status').textContent = e.message;
});
