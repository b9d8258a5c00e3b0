// The agent's case panel, need by need: what each need waits for or how it ended (intake's tracks), the case closed by
// hand with a reason (answered on the call, duplicate, wrong number, another agency) and one ended need opened again
// with a reason. Every closure and reopening is audited by intake and shown to officials.

import { t, when, currentLanguage } from './i18n.js';
import { el } from './dom.js';

const $ = (selector) => document.querySelector(selector);
let callApi; // (path, init) → {ok, status, body}
let changed; // redraws the case after an action
let shown = null;

function problemText(answer) {
  const problem = answer.body || {};
  return problem.errors?.length ? problem.errors.map((e) => e.message).join('; ')
    : problem.detail || t('agent.refused', { status: answer.status });
}

async function act(path, body) {
  $('#close-error').textContent = '';
  const answer = await callApi(`/api/v1/cases/${encodeURIComponent(shown.code)}/${path}`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
  });
  if (!answer.ok) {
    $('#close-error').textContent = problemText(answer);
    return;
  }
  $('#close-note').value = '';
  $('#close-reason').value = '';
  await changed();
}

function trackItem(track) {
  const english = currentLanguage() === 'en';
  const done = !!track.outcome;
  const words = done ? (english ? track.outcomeTextEn : track.outcomeText)
    : (english ? track.waitingForTextEn : track.waitingForText);
  const item = el('li', { 'data-track': track.track, class: done ? 'done' : 'pending' },
    el('strong', {}, english ? track.nameEn : track.name), ': ', `${done ? '✓' : '…'} ${words ?? ''}`,
    done && track.outcomeAt ? ` (${when(track.outcomeAt)})` : '');
  if (done) {
    const reopen = el('button', { type: 'button', class: 'reopen', 'data-track': track.track }, t('agent.reopenNeed'));
    reopen.addEventListener('click', () => act('reopen', { track: track.track, reason: $('#close-note').value }));
    item.append(' ', reopen);
  }
  return item;
}

/** Draws the case's needs and what can be done with them by hand. */
export function drawOutcomes(c) {
  shown = c;
  $('#case-tracks').replaceChildren(...(c.tracks || []).map(trackItem));
  $('#close-send').disabled = c.status === 'RESOLVED';
}

export function startOutcomes(api, onChange) {
  callApi = api;
  changed = onChange;
  $('#close-case').addEventListener('submit', (event) => {
    event.preventDefault();
    act('close', { reason: $('#close-reason').value || null, note: $('#close-note').value || null });
  });
}
