// The public lookup page (/track.html): a caller types the case code and the phone they called from and sees, in
// plain words, what has happened and what is pending, need by need; then says whether help came. No sign-in; the
// same neutral answer for a wrong phone and an unknown code (the API answers both with 404). A one-tap link may
// carry the code (?code=…). Vietnamese first, English on the switch.

import { applyTexts, enumText, loadTexts, onLanguageChange, switchLanguage, t, when, currentLanguage } from './i18n.js';
import { $, clearErrors, el, showFieldErrors } from './dom.js';

let intake;
let shown = null; // the last answer, kept to redraw on a language switch

async function api(path, body) {
  const response = await fetch(`${intake}${path}`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
  });
  let answer = null;
  try {
    answer = await response.json();
  } catch (e) {
    answer = null; // an answer without JSON: its status says enough
  }
  return { ok: response.ok, status: response.status, body: answer };
}

function refusal(answer) {
  if (answer.status === 404) {
    return t('track.notFound');
  }
  if (answer.status === 429) {
    return t('track.tooMany');
  }
  return null;
}

function render(found) {
  shown = found;
  const english = currentLanguage() === 'en';
  $('#case-code').textContent = found.code;
  $('#case-status').textContent = enumText('CaseStatus', found.status);
  $('#case-opened').textContent = when(found.openedAt);
  $('#last-step').textContent = found.lastStep || '—';
  $('#last-step-at').textContent = when(found.lastStepAt);
  $('#needs').replaceChildren(...(found.progress || []).map((n) => el('li', { class: n.done ? 'done' : 'pending' },
    el('strong', {}, english ? n.helpEn : n.help), ': ',
    `${n.done ? '✓ ' : '… '}${english ? n.textEn : n.text}`, n.at ? ` (${when(n.at)})` : '')));
  $('#answer').hidden = !(found.progress || []).length;
  $('#case').hidden = false;
}

function credentials() {
  return { code: $('#code').value.trim().toUpperCase(), phone: $('#phone').value.trim() };
}

async function lookup(event) {
  event.preventDefault();
  const form = $('#lookup');
  clearErrors(form);
  $('#answered').textContent = '';
  const { code, phone } = credentials();
  if (!code) {
    form.querySelector('.error[data-field="code"]').textContent = t('track.codeMissing');
    return;
  }
  const answer = await api(`/api/v1/public/cases/${encodeURIComponent(code)}/lookup`, { phone });
  if (answer.ok) {
    render(answer.body);
    return;
  }
  $('#case').hidden = true;
  const said = refusal(answer);
  if (said) {
    $('#lookup-error').textContent = said;
  } else {
    showFieldErrors(answer, form, $('#lookup-error'), 'track.refused');
  }
}

async function confirm(helped) {
  const { code, phone } = credentials();
  const answer = await api(`/api/v1/public/cases/${encodeURIComponent(code)}/confirmation`, { phone, helped });
  if (answer.ok) {
    render(answer.body);
    $('#answered').textContent = t(helped ? 'track.thanks' : 'track.reopened');
  } else {
    $('#answered').textContent = refusal(answer) || t('track.refused', { status: answer.status });
  }
}

async function start() {
  await loadTexts();
  const settings = await (await fetch('/settings.json')).json();
  intake = settings.intakeUrl;
  $('#lang').addEventListener('click', switchLanguage);
  onLanguageChange(() => shown && render(shown));
  $('#lookup').addEventListener('submit', lookup);
  $('#helped').addEventListener('click', () => confirm(true));
  $('#not-helped').addEventListener('click', () => confirm(false));
  const linked = new URLSearchParams(window.location.search).get('code');
  if (linked) {
    $('#code').value = linked;
    $('#phone').focus();
  }
  applyTexts();
  $('#status').hidden = true;
  $('#app').hidden = false;
}

start().catch((e) => {
  $('#status').textContent = `${e.message}`;
});
