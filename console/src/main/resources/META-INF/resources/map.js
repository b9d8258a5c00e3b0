// Hotline 1022 console, the zone map: district outlines (data/districts.geojson, Who's On First, CC0) drawn offline with
// Leaflet, each coloured by its wards' worst zone colour, with open cases (intake), waiting cases and free teams
// (dispatch); a district's wards as a grid with their zone history, where ops change a ward's colour.
// Every value from the APIs reaches the page as text (textContent, DOM elements for Leaflet's tooltips), never markup.

import { api, me, request, start as signedIn } from './session.js';
import { currentLanguage, enumText, loadTexts, onLanguageChange, switchLanguage, t, when } from './i18n.js';
import { ATTRIBUTION, loadDistricts } from './geo.js';
import { COLOURS, drawWards, el, openDistrict, useWardPanel } from './map-wards.js';

const FILL = { RED: '#c62828', ORANGE: '#ef6c00', YELLOW: '#f9a825', GREEN: '#2e7d32' };
const DEFAULT_PROVINCE = '74'; // Bình Dương, the demo data's province

let settings;
let roles = [];
let area = { wards: [], districts: [], provinces: [] }; // the token's ward_codes, district_codes, province_codes
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

const may = (...wanted) => wanted.some((r) => roles.includes(r));
/**
 * intake's PUT /api/v1/zones/{ward}: admins any ward; ops the wards of their provinces (province_codes); an official
 * the wards of their area only — a ward of the token's ward_codes, or of a district in its district_codes (a list or
 * one value; neither: no ward at all).
 */
const mayChangeZone = (ward) => may('admin') || (may('ops') && area.provinces.includes(state.province))
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
  useWardPanel({ state, settings: () => settings, may, mayChangeZone, codesOf, districtName, colourMap, refresh });
  const claims = me();
  roles = claims.groups || [];
  area = { wards: claimCodes(claims, 'ward_codes'), districts: claimCodes(claims, 'district_codes'),
    provinces: claimCodes(claims, 'province_codes') };
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
