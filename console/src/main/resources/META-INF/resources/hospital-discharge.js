// The hospital's page, after the admission: the patient leaves (ra viện) — discharged home, transferred to another
// hospital (its facility code), or died. Recorded once; the bed is free again and 1022's case shows how the stay ended.

import { enumText, t, when } from './i18n.js';
import { clearErrors, el, showFieldErrors } from './dom.js';

const DISPOSITIONS = ['DISCHARGED', 'TRANSFERRED', 'DECEASED'];

/** The cell of an admitted patient: how the stay ended, or the form to record it. */
export function dischargeCell(r) {
  if (r.dischargedAt) {
    return el('td', { class: 'discharged' }, `${enumText('Disposition', r.dischargeDisposition)}`
      + `${r.transferredTo ? ` → ${r.transferredTo}` : ''} (${when(r.dischargedAt)})`);
  }
  return el('td', {},
    el('form', { class: 'discharge', 'data-id': r.id, novalidate: true },
      el('select', { name: 'disposition' }, ...DISPOSITIONS.map((d) => el('option', { value: d },
        enumText('Disposition', d)))),
      el('input', { name: 'transferredTo', maxlength: 20, placeholder: t('hospital.transferredTo') }),
      el('button', { type: 'submit' }, t('hospital.discharge')),
      el('p', { class: 'error', 'data-field': 'disposition' }),
      el('p', { class: 'error', 'data-field': 'transferredTo' }),
      el('p', { class: 'error problem' })));
}

/** Records a discharge from its form; {@code reload} draws the list again. */
export function startDischarges(answered, post, reload) {
  answered.addEventListener('submit', async (event) => {
    const form = event.target.closest('form.discharge');
    if (!form) {
      return;
    }
    event.preventDefault();
    clearErrors(form);
    const data = Object.fromEntries(new FormData(form));
    const reply = await post(`/api/v1/referrals/${encodeURIComponent(form.dataset.id)}/discharge`, {
      disposition: data.disposition, transferredTo: data.transferredTo?.trim() || null,
    });
    if (!reply.ok) {
      showFieldErrors(reply, form, form.querySelector('.problem'), 'hospital.refused');
      return;
    }
    await reload();
  });
}
