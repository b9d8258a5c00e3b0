// The hospital's page, its own hospital: beds per type (total and free as the hospital reports them, held and
// available as referral-service counts them) and pausing its intake. Used by hospital.js, which gives it its calls.

import { me } from './session.js';
import { enumText, t, when } from './i18n.js';
import { clearErrors, el, showFieldErrors } from './dom.js';

const BED_TYPES = ['ICU', 'OXYGEN', 'GENERAL'];
const $ = (selector) => document.querySelector(selector);
let hospital = null; // the signed-in staff's own hospital, as the API gave it
let page; // { api, put, districtText, loadDistrictNames } of hospital.js

/** The staff's own hospital as last read, or null. */
export const ownHospital = () => hospital;

/** Wires the capacity and intake forms; {@code calls} are the page's API and district helpers. */
export function startBeds(calls) {
  page = calls;
  $('#capacity').addEventListener('submit', saveCapacity);
  $('#accepting').addEventListener('submit', toggleAccepting);
}

export function renderHospital() {
  if (!hospital) {
    return;
  }
  $('#hospital-name').textContent = hospital.name;
  $('#hospital-district').textContent = t('hospital.hospitalDistrict', { district: page.districtText(hospital.districtCode) });
  const state = $('#intake-state');
  state.dataset.accepting = String(hospital.accepting);
  state.textContent = hospital.accepting ? t('hospital.accepting')
    : t('hospital.paused', { reason: hospital.pausedReason || '—' });
  $('#intake-since').textContent = hospital.acceptingChangedAt
    ? t('hospital.since', { time: when(hospital.acceptingChangedAt) }) : '';
  $('#toggle-accepting').textContent = t(hospital.accepting ? 'hospital.pause' : 'hospital.resume');
  $('#toggle-accepting').dataset.action = hospital.accepting ? 'pause' : 'resume';
  $('#pause-reason-label').hidden = !hospital.accepting;
  const types = BED_TYPES.filter((b) => hospital.beds?.[b]).concat(Object.keys(hospital.beds || {})
    .filter((b) => !BED_TYPES.includes(b)));
  $('#beds').replaceChildren(...types.map((type) => {
    const beds = hospital.beds[type];
    return el('tr', { 'data-bed-type': type },
      el('td', {}, enumText('BedType', type)),
      el('td', {}, el('input', {
        name: 'total', type: 'number', min: 0, value: beds.total, 'data-was': beds.total,
        'aria-label': `${enumText('BedType', type)} ${t('hospital.col.total')}`,
      }), el('p', { class: 'error', 'data-field': `beds[${type}].total` })),
      el('td', {}, el('input', {
        name: 'free', type: 'number', min: 0, value: beds.free, 'data-was': beds.free,
        'aria-label': `${enumText('BedType', type)} ${t('hospital.col.free')}`,
      }), el('p', { class: 'error', 'data-field': `beds[${type}].free` })),
      el('td', { class: 'held' }, String(beds.held)),
      el('td', { class: 'available' }, String(beds.available)));
  }));
  $('#capacity-updated').textContent = hospital.capacityUpdatedAt
    ? t('hospital.capacityUpdated', { time: when(hospital.capacityUpdatedAt) }) : '';
}

/** The staff's own hospital: referral-service lists hospital staff only theirs. */
export async function loadHospital() {
  const answer = await page.api('/api/v1/hospitals');
  const own = me().hospital_code;
  const mine = answer.ok ? (answer.body || []).filter((h) => !own || h.code === own) : [];
  hospital = mine.length === 1 ? mine[0] : null;
  $('#capacity-none').hidden = Boolean(hospital);
  $('#capacity-panel').hidden = !hospital;
  if (hospital) {
    await page.loadDistrictNames([hospital.provinceCode]);
    renderHospital();
  }
}

/** Only the bed types whose counts were changed are sent: the others stay as the hospital last reported them. */
async function saveCapacity(event) {
  event.preventDefault();
  const form = $('#capacity');
  clearErrors(form);
  const beds = {};
  form.querySelectorAll('tr[data-bed-type]').forEach((row) => {
    const total = row.querySelector('[name=total]');
    const free = row.querySelector('[name=free]');
    if (total.value !== total.dataset.was || free.value !== free.dataset.was) {
      beds[row.dataset.bedType] = {
        total: total.value === '' ? null : Number(total.value), free: free.value === '' ? null : Number(free.value),
      };
    }
  });
  if (!Object.keys(beds).length) {
    $('#capacity-problem').textContent = t('hospital.nothingChanged');
    return;
  }
  const reply = await page.put(`/api/v1/hospitals/${encodeURIComponent(hospital.id)}/capacity`, { beds });
  if (!reply.ok) {
    showFieldErrors(reply, form, $('#capacity-problem'), 'hospital.refused');
    return;
  }
  hospital = reply.body;
  renderHospital();
}

async function toggleAccepting(event) {
  event.preventDefault();
  const form = $('#accepting');
  clearErrors(form);
  const accepting = !hospital.accepting;
  const reason = form.querySelector('[name=reason]').value.trim();
  const reply = await page.put(`/api/v1/hospitals/${encodeURIComponent(hospital.id)}/accepting`,
    { accepting, reason: accepting ? null : reason || null });
  if (!reply.ok) {
    showFieldErrors(reply, form, $('#accepting-problem'), 'hospital.refused');
    return;
  }
  form.querySelector('[name=reason]').value = '';
  hospital = reply.body;
  renderHospital();
}
