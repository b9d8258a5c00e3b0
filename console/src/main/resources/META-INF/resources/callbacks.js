// The agents' callback queue (chờ gọi lại) on the agent's page: messages to 1022 that no rule could read (free text by
// SMS or Zalo), each with the case code its sender was told. "Gọi lại" puts the number in the call form and the call
// then opens the case with that code (intake's /api/v1/callbacks/{code}/case); or the agent ends the callback with
// an outcome. Either way intake erases the number and the message.

import { enumText, onLanguageChange, since, t } from './i18n.js';
import { $, el, showFieldErrors, textEl } from './dom.js';

const OUTCOMES = ['UNREACHABLE', 'NO_HELP_NEEDED', 'NOT_A_REQUEST'];
let api;
let shown = [];
let answering = null; // the callback being answered by the call in the form

/** Starts the queue with intake's api(path, init); resolves once it has loaded. */
export function startCallbacks(intakeApi) {
  api = intakeApi;
  $('#refresh-callbacks').addEventListener('click', loadCallbacks);
  $('#callbacks').addEventListener('click', act);
  $('#callback-cancel').addEventListener('click', () => answer(null));
  onLanguageChange(() => {
    draw();
    answer(answering);
  });
  return loadCallbacks();
}

/** Where the call form posts: the callback it answers, or an ordinary call. */
export function callPath() {
  return answering ? `/api/v1/callbacks/${encodeURIComponent(answering.code)}/case` : '/api/v1/calls';
}

/** The call was taken: the callback it answered is done. */
export async function callTaken() {
  if (answering) {
    answer(null);
    await loadCallbacks();
  }
}

export async function loadCallbacks() {
  $('#callbacks-error').textContent = '';
  const answered = await api('/api/v1/callbacks');
  if (!answered.ok) {
    showFieldErrors(answered, $('#callbacks-section'), $('#callbacks-error'), 'agent.refused');
    return;
  }
  shown = answered.body;
  draw();
}

function draw() {
  $('#callbacks-total').textContent = shown.length;
  $('#callbacks-empty').hidden = shown.length > 0;
  $('#callbacks').replaceChildren(...shown.map((c) => el('tr', { 'data-code': c.code },
    textEl('td', c.code),
    textEl('td', enumText('ContactChannel', c.channel)),
    textEl('td', since(c.receivedAt)),
    textEl('td', c.message, { class: 'message' }),
    textEl('td', c.phone),
    el('td', { class: 'actions' },
      el('button', { type: 'button', 'data-action': 'CALL' }, t('agent.callbackCall')),
      ...OUTCOMES.map((o) => el('button', { type: 'button', 'data-action': o }, t(`agent.callbackOutcome.${o}`)))))));
  $('#callbacks').dataset.loaded = 'true';
}

async function act(event) {
  const button = event.target.closest('button[data-action]');
  const row = event.target.closest('tr[data-code]');
  if (!button || !row) {
    return;
  }
  const callback = shown.find((c) => c.code === row.dataset.code);
  if (button.dataset.action === 'CALL') {
    answer(callback);
    return;
  }
  const answered = await api(`/api/v1/callbacks/${encodeURIComponent(callback.code)}/close`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ outcome: button.dataset.action }),
  });
  if (!answered.ok) {
    showFieldErrors(answered, $('#callbacks-section'), $('#callbacks-error'), 'agent.refused');
    return;
  }
  if (answering?.code === callback.code) {
    answer(null);
  }
  await loadCallbacks();
}

/** Shows (or, with null, drops) the callback the call form now answers, its number put in the form. */
function answer(callback) {
  answering = callback;
  const banner = $('#callback-answering');
  banner.hidden = !callback;
  if (!callback) {
    return;
  }
  $('#callback-answering-text').textContent = t('agent.callbackAnswering', { code: callback.code });
  const phone = $('[name="caller.phone"]');
  if (phone.value !== callback.phone) {
    phone.value = callback.phone;
    phone.dispatchEvent(new Event('input', { bubbles: true })); // the repeat-call look-up and the draft
  }
  $('[name="caller.name"]').focus();
}
