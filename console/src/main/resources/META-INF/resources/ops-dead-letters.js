// The ops page's dead letters: the filtered list (newest first), one letter's headers and masked payload, replaying or
// discarding one, replaying all that the filter shows. ops-service answers 409 when a letter is no longer NEW.

import { t, when } from './i18n.js';
import { $, badge, codeText, el, guarded } from './ops-dom.js';
import { showProblem } from './session.js';

/** ui = {ops(path, init), refreshOverview()}; answers {load(), redraw()}. Words: ops.* in messages/*.json. */
export function deadLetters(ui) {
  const { ops } = ui;
  let letters = [];
  let detail = null;

  function filter() {
    const data = Object.fromEntries(new FormData($('#dead-letter-filter')));
    const chosen = {};
    ['topic', 'consumer', 'type', 'status'].forEach((k) => {
      if (data[k]?.trim()) {
        chosen[k] = data[k].trim();
      }
    });
    if (data.from) { // typed in Vietnam's time (UTC+7, no daylight saving)
      chosen.from = `${data.from.length === 16 ? `${data.from}:00` : data.from}+07:00`;
    }
    return chosen;
  }

  function show() {
    $('#dead-letters-none').hidden = letters.length > 0;
    $('#replay-all').disabled = !letters.some((d) => d.status === 'NEW') || filter().status !== 'NEW';
    $('#dead-letters tbody').replaceChildren(...letters.map((d) => el('tr',
      { className: `dl-${d.status}`, data: { id: d.id, status: d.status } },
      el('td', {}, when(d.receivedAt, { seconds: true })), el('td', {}, d.originalTopic), el('td', {}, d.consumer),
      el('td', {}, d.ceType), el('td', { className: 'dl-error', title: d.error ?? '' }, d.error),
      el('td', { className: 'number' }, d.attempts), el('td', { title: d.reason ?? '' }, badge(d.status)),
      el('td', { className: 'actions' },
        el('button', { type: 'button', className: 'view' }, t('ops.view')),
        el('button', { type: 'button', className: 'replay', disabled: d.status !== 'NEW' }, t('ops.replay')),
        el('button', { type: 'button', className: 'discard', disabled: d.status !== 'NEW' }, t('ops.discard'))))));
  }

  function showDetail() {
    $('#payload-id').textContent = detail.id;
    $('#payload-headers tbody').replaceChildren(...Object.entries(detail.headers || {}).map(([name, value]) =>
      el('tr', {}, el('td', {}, name), el('td', {}, value))));
    let payload = detail.payload ?? '';
    try {
      payload = JSON.stringify(JSON.parse(payload), null, 2);
    } catch (e) {
      // not JSON: shown as it came
    }
    $('#payload').textContent = payload;
    $('#dead-letter-detail').hidden = false;
  }

  async function load() {
    const answer = await ops(`/dead-letters?${new URLSearchParams(filter())}`);
    if (!answer.ok) {
      $('#dead-letter-error').textContent = t('ops.failed', { status: answer.status });
      return;
    }
    letters = answer.body || [];
    show();
  }

  async function act(row, action) {
    const id = row.dataset.id;
    if (action === 'view') {
      const answer = await ops(`/dead-letters/${encodeURIComponent(id)}`);
      detail = answer.ok ? answer.body : detail;
      return answer.ok ? showDetail() : showProblem(answer, $('#dead-letter-error'));
    }
    let init = { method: 'POST' };
    if (action === 'discard') {
      const reason = window.prompt(t('ops.discardReason'));
      if (reason === null) {
        return undefined;
      }
      if (!reason.trim() || reason.length > 500) {
        $('#dead-letter-error').textContent = t('ops.reasonLength');
        return undefined;
      }
      init = { ...init, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ reason }) };
    }
    const answer = await ops(`/dead-letters/${encodeURIComponent(id)}/${action}`, init);
    if (answer.ok) {
      $('#dead-letter-message').textContent = t('ops.handled', { id, state: codeText(answer.body?.status ?? '') });
    } else {
      showProblem(answer, $('#dead-letter-error')); // 409: no longer NEW (someone else handled it)
    }
    return Promise.all([load(), ui.refreshOverview()]);
  }

  async function replayAll() {
    const count = letters.filter((d) => d.status === 'NEW').length;
    if (!window.confirm(t('ops.replayConfirm', { n: count }))) {
      return;
    }
    const { topic, consumer, type, from } = filter(); // NEW ones only: replay answers 409 for the others anyway
    const answer = await ops('/dead-letters/replay', {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ topic, consumer, type, from }),
    });
    if (answer.ok) {
      $('#dead-letter-message').textContent = t('ops.replayed', { n: answer.body?.replayed ?? 0 });
    } else {
      showProblem(answer, $('#dead-letter-error'));
    }
    await Promise.all([load(), ui.refreshOverview()]);
  }

  const clear = () => {
    $('#dead-letter-error').textContent = '';
    $('#dead-letter-message').textContent = '';
  };
  $('#dead-letter-filter').addEventListener('submit', guarded((e) => {
    e.preventDefault();
    clear();
    return load();
  }, '#dead-letter-error'));
  $('#dead-letter-filter [name=status]').addEventListener('change', () => $('#dead-letter-filter').requestSubmit());
  $('#replay-all').addEventListener('click', guarded(() => {
    clear();
    return replayAll();
  }, '#dead-letter-error'));
  $('#dead-letters tbody').addEventListener('click', guarded((e) => {
    const row = e.target.closest('tr');
    const button = e.target.closest('button');
    clear();
    return row && act(row, button ? button.className : 'view');
  }, '#dead-letter-error'));
  $('#payload-close').addEventListener('click', () => {
    detail = null;
    $('#dead-letter-detail').hidden = true;
  });

  return {
    load,
    redraw: () => {
      show();
      if (detail) {
        showDetail();
      }
    },
  };
}
