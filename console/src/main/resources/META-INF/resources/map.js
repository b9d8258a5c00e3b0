// Hotline 1022 console, the zone map: district outlines (data/districts.geojson, Who's On First, CC0) drawn offline with
// Leaflet, each coloured by its wards' worst zone colour, with open cases (intake), waiting cases and free teams
// (dispatch); a district's wards as a grid with their zone history, where ops change a ward's colour.
// Every value from the APIs reaches the page as text (textContent, DOM elements for Leaflet's tooltips), never markup.

import { api, me, request, showProblem, start as signedIn } from './session.js';
import { currentLanguage, enumText, loadTexts, onLanguageChange, switchLanguage, t, when } from './i18n.js';
import { ATTRIBUTION, loadDistricts } from './geo.js';

const COLOURS = ['RED', 'ORANGE', 'YELLOW', 'GREEN']; // worst first
const FILL = { RED: '#c62828', ORANGE: '#ef6c00', YELLOW: '#f9a825', GREEN: '#2e7d32' };
const DEFAULT_PROVINCE = '74'; // Bình Dương, the demo data's province

let settings;
let roles = [];
let area = { wards: [], districts: [] }; // an official's ward_codes and district_codes
let map;
let districtLayer;
let geo; // the FeatureCollection
const state = {
  province: DEFAULT_PROVINCE,
  provinces: [], // {code, name, nameEn} of the provinces the file covers
  zones: new Map(), // wardCode -> ZoneView
  openCases: new Map(), // districtCode -> total, or absent when this user may not list cases
  waiting: new Map(), // districtCode -> queued cases; wardCode -> queued cases (key prefixed 'w')
  freeTeams: new Map(), // districtCode -> available teams
  boardShown: false,
  casesShown: false,
  selected: null, // the feature whose wards are shown
  wards: [], // the selected district's wards (admin units)
  history: new Map(), // wardCode -> history entries, for the wards whose history is open
};

const $ = (selector, root = document) => root.querySelector(selector);

function el(tag, attributes = {}, ...children) {
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

const may = (...wanted) => wanted.some((r) => roles.includes(r));
/**
 * intake's PUT /api/v1/zones/{ward}: ops and admin any ward; an official the wards of their area only — a ward of the
 * token's ward_codes, or of a district in its district_codes (a list or one value; neither: no ward at all).
 */
const mayChangeZone = (ward) => may('ops', 'admin')
  || (may('official') && (area.wards.includes(ward.code) || area.districts.includes(ward.districtCode)));
const claimCodes = (claims, name) => {
  const value = claims[name];
  return (value == null ? [] : [value].flat()).map(String);
};
const mayListCases = () => may('call-agent', 'dispatcher', 'ops', 'admin');
const mayReadBoard = () => may('dispatcher', 'ops', 'admin');

/** The district codes a polygon stands for: its own, and a newer district still inside it (alsoCovers). */
function codesOf(feature) {
  return [feature.properties.districtCode, ...(feature.properties.alsoCovers || [])];
}

function featuresOfProvince() {
  return geo.features.filter((f) => f.properties.provinceCode === state.province);
}

/** The worst colour among a polygon's wards and the count of red and orange ones; null when no ward has a colour. */
function rollUp(feature) {
  const codes = codesOf(feature);
  const counts = { RED: 0, ORANGE: 0, YELLOW: 0, GREEN: 0 };
  let any = false;
  state.zones.forEach((z) => {
    if (codes.includes(z.districtCode) && counts[z.colour] !== undefined) {
      counts[z.colour] += 1;
      any = true;
    }
  });
  const worst = any ? COLOURS.find((c) => counts[c] > 0) : null;
  return { worst, red: counts.RED, orange: counts.ORANGE };
}

function sum(mapOfCounts, codes) {
  const known = codes.filter((c) => mapOfCounts.has(c));
  return known.length ? known.reduce((n, c) => n + mapOfCounts.get(c), 0) : null;
}

function figures(feature) {
  const codes = codesOf(feature);
  return {
    ...rollUp(feature),
    open: state.casesShown ? sum(state.openCases, codes) ?? 0 : null,
    waiting: state.boardShown ? sum(state.waiting, codes) ?? 0 : null,
    free: state.boardShown ? sum(state.freeTeams, codes) ?? 0 : null,
  };
}

const shownNumber = (n) => (n === null || n === undefined ? '—' : String(n));

/** The district's name, with the districts still inside its polygon. */
function districtName(feature) {
  const also = feature.properties.alsoCovers || [];
  return also.length ? `${feature.properties.name} ${t('map.alsoCovers', { codes: also.join(', ') })}`
    : feature.properties.name;
}

function tooltip(feature) {
  const f = figures(feature);
  return el('div', { className: 'district-tip' },
    el('strong', { text: districtName(feature) }),
    el('p', { text: `${t('map.zone')}: ${f.worst ? enumText('ZoneColour', f.worst) : t('map.noZone')}` }),
    el('p', { text: t('map.redOrange', { red: f.red, orange: f.orange }) }),
    el('p', { text: `${t('map.openCases')}: ${shownNumber(f.open)}` }),
    el('p', { text: `${t('map.waitingCases')}: ${shownNumber(f.waiting)}` }),
    el('p', { text: `${t('map.freeTeams')}: ${shownNumber(f.free)}` }),
    el('p', { className: 'note', text: t('map.clickForWards') }));
}

/** Draws the province's districts (once per province) and colours them from the figures. */
function drawMap() {
  if (districtLayer) {
    districtLayer.remove();
  }
  const features = featuresOfProvince();
  districtLayer = L.geoJSON({ type: 'FeatureCollection', features }, {
    className: 'district',
    style: () => ({ color: '#37474f', weight: 1.5, fillOpacity: 0.55, fillColor: '#b0bec5' }),
    onEachFeature: (feature, layer) => {
      layer.on('click', () => openDistrict(feature));
      layer.bindTooltip(() => tooltip(feature), { sticky: true });
    },
  });
  // The view first: a layer added to a map that has none yet is drawn only once it has one.
  map.fitBounds(features.length ? districtLayer.getBounds() : [[8.5, 102], [23.5, 110]], { padding: [10, 10] });
  districtLayer.addTo(map);
  colourMap();
}

function colourMap() {
  if (!districtLayer) {
    return;
  }
  districtLayer.eachLayer((layer) => {
    const f = figures(layer.feature);
    layer.setStyle({ fillColor: f.worst ? FILL[f.worst] : '#b0bec5',
      weight: state.selected === layer.feature ? 3.5 : 1.5 });
    const element = layer.getElement(); // the SVG path: named for the browser tests and screen readers
    if (element) {
      element.setAttribute('data-district', layer.feature.properties.districtCode);
      element.setAttribute('aria-label', layer.feature.properties.name);
      element.setAttribute('data-colour', f.worst || 'NONE');
      element.setAttribute('data-red', String(f.red));
      element.setAttribute('data-orange', String(f.orange));
    }
  });
  drawTable();
}

function drawTable() {
  const body = $('#districts tbody');
  body.replaceChildren(...featuresOfProvince().map((feature) => {
    const f = figures(feature);
    const row = el('tr', { 'data-district': feature.properties.districtCode, 'data-colour': f.worst || 'NONE',
      className: state.selected === feature ? 'selected' : '' },
    el('td', { text: districtName(feature) }),
    el('td', {}, el('span', { className: `swatch swatch-${f.worst || 'NONE'}` }),
      f.worst ? enumText('ZoneColour', f.worst) : t('map.noZone')),
    el('td', { className: 'number red', text: String(f.red) }),
    el('td', { className: 'number orange', text: String(f.orange) }),
    el('td', { className: 'number open', text: shownNumber(f.open) }),
    el('td', { className: 'number waiting', text: shownNumber(f.waiting) }),
    el('td', { className: 'number free', text: shownNumber(f.free) }));
    row.addEventListener('click', () => openDistrict(feature));
    return row;
  }));
  const missing = [];
  if (!state.casesShown) {
    missing.push(t('map.noCasesForRole'));
  }
  if (!state.boardShown) {
    missing.push(t('map.noBoardForRole'));
  }
  $('#figures-note').textContent = missing.join(' ');
}

function drawLegend() {
  $('#legend').replaceChildren(...COLOURS.map((c) => el('li', {},
    el('span', { className: `swatch swatch-${c}` }), enumText('ZoneColour', c))),
  el('li', {}, el('span', { className: 'swatch swatch-NONE' }), t('map.noZone')));
}

function drawProvinces() {
  const select = $('#province');
  select.replaceChildren(...state.provinces.map((p) => el('option', { value: p.code,
    text: `${p.code} — ${(currentLanguage() === 'en' && p.nameEn) || p.name}` })));
  select.value = state.province;
}

// --- figures from the APIs ---

async function loadZones() {
  const answer = await api('intake', settings.intakeUrl, `/api/v1/zones?provinceCode=${state.province}`);
  if (!answer.ok) {
    throw new Error(t('map.failed', { what: 'zones', status: answer.status }));
  }
  state.zones = new Map(answer.body.map((z) => [z.wardCode, z]));
}

/** Open (not yet resolved) cases per district: intake's list with size=1, counted by its X-Total-Count header. */
async function loadOpenCases() {
  state.casesShown = false;
  if (!mayListCases()) {
    return;
  }
  const codes = featuresOfProvince().flatMap(codesOf);
  const totals = await Promise.all(codes.map(async (code) => {
    const response = await request('intake', settings.intakeUrl, `/api/v1/cases?districtCode=${code}&size=1`);
    const total = response.headers.get('X-Total-Count');
    return response.ok && total !== null ? [code, Number(total)] : null;
  }));
  state.openCases = new Map(totals.filter(Boolean));
  state.casesShown = totals.every(Boolean);
}

/** Waiting cases and free teams per district (and waiting per ward): dispatch's board of the province. */
async function loadBoard() {
  state.boardShown = false;
  if (!mayReadBoard() || !settings.dispatchUrl) {
    return;
  }
  const answer = await api('dispatch', settings.dispatchUrl, `/api/v1/board?provinceCode=${state.province}`);
  if (!answer.ok) {
    return;
  }
  const waiting = new Map();
  (answer.body.queue || []).forEach((q) => {
    waiting.set(q.districtCode, (waiting.get(q.districtCode) || 0) + 1);
    waiting.set(`w${q.wardCode}`, (waiting.get(`w${q.wardCode}`) || 0) + 1);
  });
  state.waiting = waiting;
  state.freeTeams = new Map((answer.body.capacity || []).map((c) => [c.districtCode, c.available]));
  state.boardShown = true;
}

/** Zones and the board every POLL_MS (a ward turned red elsewhere shows within 5 s); case counts less often. */
const POLL_MS = 4000;
const CASES_EVERY = 15; // polls: each count is an audited case listing, once a minute is enough
let polls = 0;
let polling = false;

async function poll() {
  if (polling || document.hidden) {
    return;
  }
  polling = true;
  try {
    polls += 1;
    // Never redraw the wards under a half-typed reason: the timer waits until the user leaves the ward grid.
    await refresh(polls % CASES_EVERY === 0, !$('#wards').contains(document.activeElement));
  } finally {
    polling = false;
  }
}

async function refresh(withCases = true, redrawWards = true) {
  $('#map-error').textContent = '';
  try {
    await Promise.all([loadZones(),
      withCases ? loadOpenCases().catch(() => { state.casesShown = false; }) : Promise.resolve(),
      loadBoard().catch(() => { state.boardShown = false; })]);
    $('#updated-at').textContent = `${t('map.updatedAt')} ${when(new Date().toISOString(), { seconds: true })}`;
  } catch (e) {
    $('#map-error').textContent = e.message;
  }
  colourMap();
  if (state.selected && redrawWards) {
    drawWards();
  }
}

// --- a district's wards ---

async function openDistrict(feature) {
  state.selected = feature;
  state.history.clear();
  $('#ward-message').textContent = '';
  $('#ward-error').textContent = '';
  const lists = await Promise.all(codesOf(feature).map((code) => api('intake', settings.intakeUrl,
    `/api/v1/admin-units/districts/${code}/wards`)));
  const failed = lists.find((a) => !a.ok);
  if (failed) {
    showProblem(failed, $('#ward-error'));
  }
  state.wards = lists.filter((a) => a.ok).flatMap((a) => a.body);
  $('#ward-section').hidden = false;
  colourMap();
  drawWards();
  $('#ward-section').scrollIntoView({ block: 'nearest' });
}

function drawWards() {
  const feature = state.selected;
  $('#ward-district').textContent = districtName(feature);
  $('#ward-note').textContent = [
    (feature.properties.alsoCovers || []).length ? t('map.alsoCoversNote') : '',
    zoneNote(),
  ].filter(Boolean).join(' ');
  $('#wards').replaceChildren(...state.wards.map(wardCard));
}

/** Nothing when every ward here may be changed; else which ones may (an official's area) or that none may. */
function zoneNote() {
  if (may('ops', 'admin')) {
    return '';
  }
  const changeable = state.wards.filter(mayChangeZone).length;
  if (changeable > 0 && changeable === state.wards.length) {
    return '';
  }
  return changeable > 0 ? t('map.onlyYourArea') : t('map.readOnly');
}

function wardCard(ward) {
  const zone = state.zones.get(ward.code);
  const colour = zone?.colour || null;
  const card = el('article', { className: 'ward', 'data-ward': ward.code, 'data-colour': colour || 'NONE' },
    el('h3', { text: ward.fullName || ward.name }),
    el('p', { className: 'colour', text: colour ? enumText('ZoneColour', colour) : t('map.noZone') }),
    zone?.reason ? el('p', { className: 'reason', text: `${t('map.reason')}: ${zone.reason}` }) : '',
    zone?.changedAt ? el('p', { className: 'changed',
      text: t('map.changedBy', { who: zone.changedBy || '—', at: when(zone.changedAt) }) }) : '',
    el('p', { className: 'waiting', text: `${t('map.waitingCases')}: ${state.boardShown
      ? String(state.waiting.get(`w${ward.code}`) || 0) : '—'}` }));
  if (mayChangeZone(ward)) {
    card.append(changeForm(ward, colour));
  }
  const historyButton = el('button', { type: 'button', className: 'history-toggle',
    text: state.history.has(ward.code) ? t('map.hideHistory') : t('map.showHistory') });
  historyButton.addEventListener('click', () => toggleHistory(ward.code));
  card.append(historyButton);
  if (state.history.has(ward.code)) {
    const entries = state.history.get(ward.code);
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
    const answer = await api('intake', settings.intakeUrl, `/api/v1/zones/${ward.code}`, {
      method: 'PUT', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ colour: select.value, reason: reason.value.trim() || null }),
    });
    if (!answer.ok) {
      showProblem(answer, $('#ward-error'));
      return;
    }
    $('#ward-message').textContent = t('map.changed', { ward: ward.fullName || ward.name,
      colour: enumText('ZoneColour', answer.body.colour) });
    if (state.history.has(ward.code)) {
      await loadHistory(ward.code);
    }
    await refresh();
  });
  return form;
}

async function loadHistory(wardCode) {
  const answer = await api('intake', settings.intakeUrl, `/api/v1/zones/${wardCode}/history`);
  if (!answer.ok) {
    showProblem(answer, $('#ward-error'));
    return;
  }
  state.history.set(wardCode, answer.body);
}

async function toggleHistory(wardCode) {
  if (state.history.has(wardCode)) {
    state.history.delete(wardCode);
  } else {
    await loadHistory(wardCode);
  }
  drawWards();
}

// --- start ---

function redrawInLanguage() {
  drawLegend();
  drawProvinces();
  colourMap();
  if (state.selected) {
    drawWards();
  }
}

async function main() {
  await loadTexts();
  $('#lang').addEventListener('click', () => switchLanguage());
  onLanguageChange(redrawInLanguage);
  settings = await signedIn();
  const claims = me();
  roles = claims.groups || [];
  area = { wards: claimCodes(claims, 'ward_codes'), districts: claimCodes(claims, 'district_codes') };
  geo = await loadDistricts();
  const covered = [...new Set(geo.features.map((f) => f.properties.provinceCode))];
  const provinces = await api('intake', settings.intakeUrl, '/api/v1/admin-units/provinces');
  state.provinces = covered.map((code) => (provinces.ok && provinces.body.find((p) => p.code === code))
    || { code, name: code });
  if (!covered.includes(state.province)) {
    state.province = covered[0];
  }

  $('#status').hidden = true;
  $('#app').hidden = false;
  map = L.map('map', { zoomSnap: 0.25, attributionControl: true });
  if (settings.mapTileUrl) { // a deployment's own tile server; none is needed for the outlines
    L.tileLayer(settings.mapTileUrl, { maxZoom: 18 }).addTo(map);
  }
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution(ATTRIBUTION.replace(/&/g, '&amp;').replace(/</g, '&lt;'));
  drawLegend();
  drawProvinces();
  drawMap();
  $('#province').addEventListener('change', async () => {
    state.province = $('#province').value;
    state.selected = null;
    $('#ward-section').hidden = true;
    drawMap();
    await refresh();
  });
  $('#refresh').addEventListener('click', () => refresh());
  $('#wards-close').addEventListener('click', () => {
    state.selected = null;
    $('#ward-section').hidden = true;
    colourMap();
  });
  await refresh();
  setInterval(poll, POLL_MS);
  document.body.dataset.ready = 'true'; // the browser tests wait for the first figures
}

main().catch((e) => {
  const status = $('#status');
  status.hidden = false;
  status.textContent = e.message;
  console.error(e);
});
