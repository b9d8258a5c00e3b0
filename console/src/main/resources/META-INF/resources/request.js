// The public request page (/request.html): anyone files a request without signing in, on intake's Open311 API. The
// phone is confirmed with the code texted to it before the request opens a case; the page then shows the case code.
// Vietnamese first, English on the switch; the API's field errors next to their fields.

import { applyTexts, currentLanguage, loadTexts, onLanguageChange, switchLanguage } from './i18n.js';
import { $, clearErrors, el, showFieldErrors } from './dom.js';

const DEFAULT_PROVINCE = '74'; // Bình Dương, where the demo runs; any province can be chosen

let intake;

async function api(path, options = {}) {
  const response = await fetch(`${intake}${path}`, options);
  let body = null;
  try {
    body = await response.json();
  } catch (e) {
    body = null; // an answer without JSON: its status says enough
  }
  return { ok: response.ok, status: response.status, body };
}

function fill(select, items, value, label) {
  const chosen = select.value;
  select.replaceChildren(...items.map((item) => el('option', { value: value(item) }, label(item))));
  if (chosen && items.some((item) => value(item) === chosen)) {
    select.value = chosen;
  }
}

async function loadNeeds() {
  const answer = await api(`/open311/v2/services.json?lang=${currentLanguage()}`);
  if (answer.ok) {
    fill($('#need'), answer.body, (s) => s.service_code, (s) => s.service_name);
  }
}

async function loadWards() {
  const answer = await api(`/api/v1/admin-units/districts/${encodeURIComponent($('#district').value)}/wards`);
  fill($('#ward'), answer.ok ? answer.body : [], (w) => w.code, (w) => w.name);
}

async function loadDistricts() {
  const answer = await api(`/api/v1/admin-units/provinces/${encodeURIComponent($('#province').value)}/districts`);
  fill($('#district'), answer.ok ? answer.body : [], (d) => d.code, (d) => d.name);
  await loadWards();
}

async function loadProvinces() {
  const answer = await api('/api/v1/admin-units/provinces');
  fill($('#province'), answer.ok ? answer.body : [], (p) => p.code, (p) => p.name);
  if (!$('#province').value || $('#province').value !== DEFAULT_PROVINCE) {
    $('#province').value = DEFAULT_PROVINCE;
  }
  await loadDistricts();
}

/** The form's filled fields, form-encoded as Open311 wants them. */
function encode(form) {
  const body = new URLSearchParams();
  new FormData(form).forEach((value, name) => {
    if (String(value).trim() !== '') {
      body.append(name, String(value).trim());
    }
  });
  return body;
}

async function ask(event) {
  event.preventDefault();
  const form = $('#ask');
  clearErrors(form);
  $('#send').disabled = true;
  try {
    const answer = await api('/open311/v2/requests.json', { method: 'POST', body: encode(form) });
    if (answer.status === 202) {
      $('#confirm').dataset.token = answer.body[0].token;
      form.hidden = true;
      $('#confirm').hidden = false;
      $('#code').focus();
    } else {
      showFieldErrors(answer, form, $('#ask-error'), 'request.refused');
    }
  } finally {
    $('#send').disabled = false;
  }
}

async function confirm(event) {
  event.preventDefault();
  const form = $('#confirm');
  clearErrors(form);
  const answer = await api(`/open311/v2/tokens/${encodeURIComponent(form.dataset.token)}/confirmation.json`,
    { method: 'POST', body: encode(form) });
  if (answer.ok) {
    const code = answer.body[0].service_request_id;
    $('#case-code').textContent = code;
    $('#done').dataset.case = code;
    form.hidden = true;
    $('#done').hidden = false;
  } else {
    showFieldErrors(answer, form, $('#confirm-error'), 'request.refused');
  }
}

async function start() {
  await loadTexts();
  const settings = await (await fetch('/settings.json')).json();
  intake = settings.intakeUrl;
  $('#lang').addEventListener('click', switchLanguage);
  onLanguageChange(() => loadNeeds());
  $('#province').addEventListener('change', loadDistricts);
  $('#district').addEventListener('change', loadWards);
  $('#ask').addEventListener('submit', ask);
  $('#confirm').addEventListener('submit', confirm);
  await Promise.all([loadNeeds(), loadProvinces()]);
  applyTexts();
  $('#status').hidden = true;
  $('#app').hidden = false;
}

start().catch((e) => {
  $('#status').textContent = `${e.message}`;
});
