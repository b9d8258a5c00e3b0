// Hotline 1022 console, the relief officers' page (cứu trợ, role relief-officer), on relief-service's API: the
// scheduled packages of the officer's districts as run sheets, one per ward (printable), with the household's address
// and phone while relief still keeps them (erased after delivery); a delivery confirmed with the code the household
// shows; the requests waiting for stock with their expected date; stock per warehouse; donors' consignments. The API
// decides the area; the page adds no rule. Every value from the API goes into the page as text.

import { api as callApi, me, showProblem, start as signedIn } from './session.js';
import {
  applyTexts, enumText, loadTexts, onLanguageChange, switchLanguage, t, when,
} from './i18n.js';
import { textEl as el } from './dom.js';

const $ = (selector) => document.querySelector(selector);
let settings;
let province = null; // the officer's province (token claim province_codes)
let sheet = null; // the last run sheet
let runsPage = 0; // run sheets come a page (≤ 100 stops) at a time
let waiting = [];
let warehouses = [];
let consignments = [];
const delivered = new Map(); // deliveryId -> the confirmed delivery, shown until the sheet is read again

function api(path, init) {
  return callApi('relief-service', settings.reliefUrl, path, init);
}

function cell(content, attributes) {
  const td = el('td', null, attributes);
  if (content instanceof Node) {
    td.append(content);
  } else {
    td.textContent = content ?? '—';
  }
  return td;
}

function list(values) {
  return Array.isArray(values) ? values : [values].filter(Boolean);
}

function items(stop) {
  const lines = (stop.items || []).map((i) => `${i.quantity} ${i.unit} ${i.itemType}`);
  if (stop.amountVnd) {
    lines.push(`${Number(stop.amountVnd).toLocaleString('vi-VN')} đ`);
  }
  return `${stop.programmeName || stop.programmeCode}: ${lines.join(', ')}`;
}

function erasedOr(value) {
  return value ? value : el('span', t('relief.erased'), { class: 'erased' });
}

function confirmForm(stop) {
  const form = el('form', null, { class: 'confirm', novalidate: '', 'data-delivery': stop.deliveryId });
  const label = el('label');
  label.append(el('span', t('relief.recipientCode'), { class: 'visually-hidden' }));
  label.append(el('input', null, {
    name: 'recipientCode', inputmode: 'numeric', maxlength: '6', autocomplete: 'off',
    placeholder: t('relief.recipientCode'), 'aria-label': t('relief.recipientCode'),
  }));
  form.append(label, el('button', t('relief.confirm'), { type: 'submit' }),
    el('p', null, { class: 'error', 'data-field': 'recipientCode' }),
    el('p', null, { class: 'error problem' }));
  form.addEventListener('submit', confirm);
  return form;
}

function stopRow(stop) {
  const done = delivered.get(stop.deliveryId);
  const tr = el('tr', null, { 'data-delivery': stop.deliveryId, 'data-case': stop.caseCode });
  const phone = stop.phone ? el('a', stop.phone, { href: `tel:${stop.phone}` }) : erasedOr(null);
  tr.append(
    cell(stop.caseCode),
    cell(`${stop.householdRef} · ${t('relief.members', { n: stop.householdSize })}`),
    cell(stop.recipientName || '—'),
    cell(erasedOr(stop.addressText), { class: 'address' }),
    cell(phone, { class: 'phone' }),
    cell(items(stop), { class: 'items' }),
    cell(when(stop.expectedBy)),
  );
  if (done) {
    tr.classList.add('delivered');
    tr.append(cell(t('relief.delivered', { time: when(done.deliveredAt) }), { class: 'confirm state' }));
  } else {
    tr.append(cell(confirmForm(stop), { class: 'confirm' }));
  }
  return tr;
}

function renderRuns() {
  const runs = $('#runs');
  runs.replaceChildren();
  const wards = sheet?.wards || [];
  $('#runs-empty').hidden = wards.length > 0;
  $('#runs-truncated').hidden = !sheet?.truncated;
  $('#runs-next').hidden = !sheet?.truncated;
  $('#runs-previous').hidden = !sheet || sheet.page === 0;
  $('#runs-page').textContent = sheet && (sheet.truncated || sheet.page > 0)
    ? t('relief.page', { n: sheet.page + 1 }) : '';
  wards.forEach((ward) => {
    const section = el('section', null, { 'data-ward': ward.wardCode });
    section.append(el('h3', `${t('relief.ward', { ward: ward.wardCode })} — ${t('relief.wardCount', {
      n: ward.deliveries.length,
    })}`));
    const table = el('table');
    const head = el('tr');
    ['colCase', 'colHousehold', 'colRecipient', 'colAddress', 'colPhone', 'colItems', 'colExpected', 'colConfirm']
      .forEach((k) => head.append(el('th', t(`relief.${k}`), k === 'colConfirm' ? { class: 'confirm' } : {})));
    const thead = el('thead');
    thead.append(head);
    const body = el('tbody');
    ward.deliveries.forEach((stop) => body.append(stopRow(stop)));
    table.append(thead, body);
    section.append(table);
    runs.append(section);
  });
}

function renderTable(selector, rows, emptySelector) {
  const body = $(selector);
  body.replaceChildren(...rows);
  $(emptySelector).hidden = rows.length > 0;
}

function renderWaiting() {
  renderTable('#waiting', waiting.map((d) => {
    const tr = el('tr', null, { 'data-delivery': d.id, 'data-case': d.caseCode });
    tr.append(cell(d.caseCode), cell(d.wardCode), cell(d.programmeCode), cell(when(d.requestedAt)),
      cell(d.expectedBy ? when(d.expectedBy) : t('relief.unknownDate'), { class: 'expected' }));
    return tr;
  }), '#waiting-empty');
}

function renderStock() {
  const rows = [];
  warehouses.forEach((w) => {
    const lines = w.stock?.length ? w.stock : [{ programmeCode: '—', stock: 0 }];
    lines.forEach((s) => {
      const tr = el('tr', null, { 'data-warehouse': w.code, 'data-programme': s.programmeCode });
      tr.append(cell(`${w.name || w.code} (${w.code})`), cell(s.programmeCode), cell(String(s.stock)));
      rows.push(tr);
    });
  });
  renderTable('#stock', rows, '#stock-empty');
}

function renderConsignments() {
  renderTable('#consignments', consignments.map((c) => {
    const tr = el('tr', null, { 'data-consignment': c.id });
    tr.append(cell(c.donorCode), cell(c.programmeCode), cell(c.warehouseCode), cell(String(c.quantity)),
      cell(enumText('ConsignmentStatus', c.status)), cell(when(c.expectedAt)), cell(when(c.arrivedAt)));
    return tr;
  }), '#consignments-empty');
}

function renderAll() {
  renderRuns();
  renderWaiting();
  renderStock();
  renderConsignments();
}

function clearErrors(root) {
  root.querySelectorAll('.error').forEach((e) => { e.textContent = ''; });
}

async function loadRuns() {
  const form = $('#filter');
  clearErrors(form);
  const query = new URLSearchParams();
  [['districtCode', $('#district').value], ['wardCode', $('#ward').value.trim()], ['date', $('#date').value]]
    .filter(([, v]) => v).forEach(([k, v]) => query.set(k, v));
  if (runsPage > 0) {
    query.set('page', String(runsPage));
  }
  const answer = await api(`/api/v1/runs${query.toString() ? `?${query}` : ''}`);
  if (!answer.ok) {
    showProblem(answer, $('#filter-problem'));
    return;
  }
  sheet = answer.body;
  delivered.clear();
  renderRuns();
}

async function loadRest() {
  const [deliveries, stock, donated] = await Promise.all([
    api('/api/v1/deliveries'),
    province ? api(`/api/v1/warehouses?provinceCode=${encodeURIComponent(province)}`) : null,
    api('/api/v1/consignments'),
  ]);
  if (deliveries.ok) {
    waiting = deliveries.body.filter((d) => d.status === 'WAITING');
  } else {
    showProblem(deliveries, $('#waiting-problem'));
  }
  if (stock?.ok) {
    warehouses = stock.body;
  } else if (stock) {
    showProblem(stock, $('#stock-problem'));
  }
  if (donated.ok) {
    consignments = donated.body;
  } else {
    showProblem(donated, $('#consignments-problem'));
  }
  renderWaiting();
  renderStock();
  renderConsignments();
}

/** The household showed its code: the API checks it; a wrong one is said next to the field. */
async function confirm(event) {
  event.preventDefault();
  const form = event.currentTarget;
  clearErrors(form);
  const id = form.dataset.delivery;
  const deliveredBy = $('#delivered-by').value.trim();
  if (!deliveredBy) {
    form.querySelector('.problem').textContent = t('relief.deliveredByRequired');
    $('#delivered-by').focus();
    return;
  }
  const button = form.querySelector('button');
  button.disabled = true;
  try {
    const answer = await api(`/api/v1/deliveries/${encodeURIComponent(id)}/confirmation`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ deliveredBy, recipientCode: form.recipientCode.value.trim() }),
    });
    if (!answer.ok) {
      const problem = answer.body || {};
      (problem.errors || []).forEach((e) => {
        const slot = String(e.field).endsWith('recipientCode') ? form.querySelector('.error[data-field=recipientCode]')
          : form.querySelector('.problem');
        slot.textContent += `${e.message} `;
      });
      if (!problem.errors?.length) {
        form.querySelector('.problem').textContent = problem.detail || `${t('common.error')} (${answer.status})`;
      }
      return;
    }
    delivered.set(id, answer.body);
    renderRuns();
  } finally {
    button.disabled = false;
  }
}

function districtChoices() {
  const select = $('#district');
  const chosen = select.value;
  const districts = list(me().district_codes);
  select.replaceChildren(el('option', t('relief.allDistricts'), { value: '' }),
    ...districts.map((d) => el('option', d, { value: d })));
  select.value = chosen;
}

async function start() {
  await loadTexts();
  $('#lang').addEventListener('click', switchLanguage);
  onLanguageChange(() => {
    districtChoices();
    renderAll();
  });
  settings = await signedIn();
  applyTexts();
  const claims = me();
  province = list(claims.province_codes)[0] || null;
  districtChoices();
  $('#delivered-by').value = claims.name || claims.preferred_username || '';
  $('#runs-next').addEventListener('click', () => { runsPage += 1; loadRuns(); });
  $('#runs-previous').addEventListener('click', () => { runsPage = Math.max(0, runsPage - 1); loadRuns(); });
  $('#filter').addEventListener('submit', (event) => {
    runsPage = 0;
    event.preventDefault();
    loadRuns();
  });
  $('#print').addEventListener('click', () => window.print());
  $('#status').textContent = province || (claims.groups || []).includes('admin') ? '' : t('relief.noProvince');
  $('#app').hidden = false;
  await Promise.all([loadRuns(), loadRest()]);
}

start().catch((e) => {
  $('#status').textContent = e.message;
});
