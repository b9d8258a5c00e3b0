// The zone map's ward panel: a district's wards as cards with their colour, waiting cases and history, where those
// who may (ops and admins of the ward's province, an official of its area) change a ward's colour. Used by map.js,
// which gives it its state and calls (useWardPanel). Every value from the APIs becomes text, never markup.

import { api, showProblem } from './session.js';
import { enumText, t, when } from './i18n.js';

export const COLOURS = ['RED', 'ORANGE', 'YELLOW', 'GREEN']; // worst first
const $ = (selector, root = document) => root.querySelector(selector);
let ctx; // { state, settings(), may, mayChangeZone, codesOf, districtName, colourMap, refresh } of map.js

export function useWardPanel(context) {
  ctx = context;
}

/** An element with properties ({@code text}: its text; names with a dash: attributes) and children. */
export function el(tag, attributes = {}, ...children) {
  const e = document.createElement(tag);
  Object.entries(attributes).forEach(([k, v]) => {
    if (v === undefined || v === null || v === false) {
      return;
    }
    if (k === 'text') {
      e.textContent = v;
    } else if (k.includes('-')) { // data-*, aria-*: attributes
      e.setAttribute(k, v);
    } else {
      e[k] = v;
    }
  });
  children.flat().forEach((c) => e.append(c instanceof Node ? c : document.createTextNode(String(c ?? ''))));
  return e;
}

export async function openDistrict(feature) {
  ctx.state.selected = feature;
  ctx.state.history.clear();
  $('#ward-message').textContent = '';
  $('#ward-error').textContent = '';
  const lists = await Promise.all(ctx.codesOf(feature).map((code) => api('intake', ctx.settings().intakeUrl,
    `/api/v1/admin-units/districts/${code}/wards`)));
  const failed = lists.find((a) => !a.ok);
  if (failed) {
    showProblem(failed, $('#ward-error'));
  }
  ctx.state.wards = lists.filter((a) => a.ok).flatMap((a) => a.body);
  $('#ward-section').hidden = false;
  ctx.colourMap();
  drawWards();
  $('#ward-section').scrollIntoView({ block: 'nearest' });
}

export function drawWards() {
  const feature = ctx.state.selected;
  $('#ward-district').textContent = ctx.districtName(feature);
  $('#ward-note').textContent = [
    (feature.properties.alsoCovers || []).length ? t('map.alsoCoversNote') : '',
    zoneNote(),
  ].filter(Boolean).join(' ');
  $('#wards').replaceChildren(...ctx.state.wards.map(wardCard));
}

/** Nothing when every ward here may be changed; else which ones may (an official's area) or that none may. */
function zoneNote() {
  const changeable = ctx.state.wards.filter(ctx.mayChangeZone).length;
  if (changeable > 0 && changeable === ctx.state.wards.length) {
    return '';
  }
  return changeable > 0 ? t('map.onlyYourArea') : t('map.readOnly');
}

function wardCard(ward) {
  const zone = ctx.state.zones.get(ward.code);
  const colour = zone?.colour || null;
  const card = el('article', { className: 'ward', 'data-ward': ward.code, 'data-colour': colour || 'NONE' },
    el('h3', { text: ward.fullName || ward.name }),
    el('p', { className: 'colour', text: colour ? enumText('ZoneColour', colour) : t('map.noZone') }),
    zone?.reason ? el('p', { className: 'reason', text: `${t('map.reason')}: ${zone.reason}` }) : '',
    zone?.changedAt ? el('p', { className: 'changed',
      text: t('map.changedBy', { who: zone.changedBy || '—', at: when(zone.changedAt) }) }) : '',
    el('p', { className: 'waiting', text: `${t('map.waitingCases')}: ${ctx.state.boardShown
      ? String(ctx.state.waiting.get(`w${ward.code}`) || 0) : '—'}` }));
  if (ctx.mayChangeZone(ward)) {
    card.append(changeForm(ward, colour));
  }
  const historyButton = el('button', { type: 'button', className: 'history-toggle',
    text: ctx.state.history.has(ward.code) ? t('map.hideHistory') : t('map.showHistory') });
  historyButton.addEventListener('click', () => toggleHistory(ward.code));
  card.append(historyButton);
  if (ctx.state.history.has(ward.code)) {
    const entries = ctx.state.history.get(ward.code);
    card.append(entries.length ? el('ol', { className: 'history' }, entries.map((h) => el('li', {
      text: `${when(h.changedAt)}: ${enumText('ZoneColour', h.previous)} → ${enumText('ZoneColour', h.colour)}`
        + ` (${h.changedBy || '—'})${h.reason ? ` — ${h.reason}` : ''}` })))
      : el('p', { className: 'history', text: t('map.noHistory') }));
  }
  return card;
}

function changeForm(ward, colour) {
  const select = el('select', { name: 'colour', 'aria-label': t('map.newColour') },
    COLOURS.map((c) => el('option', { value: c, text: enumText('ZoneColour', c), selected: c === (colour || 'GREEN') })));
  const reason = el('input', { name: 'reason', maxLength: 500, placeholder: t('map.reasonPlaceholder'),
    autocomplete: 'off' });
  const form = el('form', { className: 'zone-change', noValidate: true }, select, reason,
    el('button', { type: 'submit', className: 'save', text: t('map.save') }));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    $('#ward-message').textContent = '';
    $('#ward-error').textContent = '';
    const answer = await api('intake', ctx.settings().intakeUrl, `/api/v1/zones/${ward.code}`, {
      method: 'PUT', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ colour: select.value, reason: reason.value.trim() || null }),
    });
    if (!answer.ok) {
      showProblem(answer, $('#ward-error'));
      return;
    }
    $('#ward-message').textContent = t('map.changed', { ward: ward.fullName || ward.name,
      colour: enumText('ZoneColour', answer.body.colour) });
    if (ctx.state.history.has(ward.code)) {
      await loadHistory(ward.code);
    }
    await ctx.refresh();
  });
  return form;
}

async function loadHistory(wardCode) {
  const answer = await api('intake', ctx.settings().intakeUrl, `/api/v1/zones/${wardCode}/history`);
  if (!answer.ok) {
    showProblem(answer, $('#ward-error'));
    return;
  }
  ctx.state.history.set(wardCode, answer.body);
}

async function toggleHistory(wardCode) {
  if (ctx.state.history.has(wardCode)) {
    ctx.state.history.delete(wardCode);
  } else {
    await loadHistory(wardCode);
  }
  drawWards();
}
