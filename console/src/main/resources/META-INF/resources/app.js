// Hotline 1022 call console. Signs the agent in with Keycloak (authorization code + PKCE, a public client: no secret
// in the browser), keeps the access token in memory only, and works on intake-service's API with it. No framework,
// no build step: the page is what the browser runs.

const NEEDS = {
  EMERGENCY_TRANSPORT: 'Emergency transport (cấp cứu)', HOSPITAL_ADMISSION: 'Hospital admission (nhập viện)',
  MEDICAL_CONSULTATION: 'Medical advice (tư vấn y tế)', FOOD: 'Food (lương thực)', RENT_SUPPORT: 'Rent (tiền nhà)',
  CASH_SUPPORT: 'Cash (tiền mặt)', OXYGEN_SUPPORT: 'Oxygen (bình oxy)', INFORMATION: 'Information (thông tin)',
  VIOLATION_REPORT: 'Report a violation (phản ánh vi phạm)',
};
const VULNERABILITIES = {
  ELDERLY: 'Elderly', PREGNANT: 'Pregnant', YOUNG_CHILDREN: 'Young children', DISABILITY: 'Disability',
  CHRONIC_ILLNESS: 'Chronic illness',
};

const $ = (selector) => document.querySelector(selector);
let settings;
let accessToken;
let openCase; // the code shown in the case panel
let polling;

// ---------------------------------------------------------------------------------------------------- signing in

/** fetch, saying which server could not be reached (down, or refusing this origin) instead of "Failed to fetch". */
async function reach(server, url, options) {
  try {
    return await fetch(url, options);
  } catch (e) {
    throw new Error(`${server} cannot be reached from this page (${e.message}).`);
  }
}

function base64Url(bytes) {
  return btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_')
    .replace(/=+$/, '');
}

function randomString() {
  return base64Url(crypto.getRandomValues(new Uint8Array(32)));
}

function redirectUri() {
  return window.location.origin + '/';
}

async function signIn() {
  const verifier = randomString();
  const state = randomString();
  sessionStorage.setItem('pkce', JSON.stringify({ verifier, state }));
  const challenge = base64Url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  const query = new URLSearchParams({
    client_id: settings.clientId, response_type: 'code', scope: 'openid', redirect_uri: redirectUri(),
    state, code_challenge: challenge, code_challenge_method: 'S256',
  });
  window.location.assign(`${settings.issuer}/protocol/openid-connect/auth?${query}`);
}

/** Back from Keycloak with ?code=…&state=…: the code becomes a token, once, and leaves the address bar. */
async function finishSignIn(params) {
  const saved = JSON.parse(sessionStorage.getItem('pkce') || 'null');
  sessionStorage.removeItem('pkce');
  window.history.replaceState(null, '', '/');
  if (!saved || saved.state !== params.get('state')) {
    throw new Error('The sign-in answer does not belong to this page; sign in again.');
  }
  const response = await reach('Keycloak', `${settings.issuer}/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code', client_id: settings.clientId, code: params.get('code'),
      redirect_uri: redirectUri(), code_verifier: saved.verifier,
    }),
  });
  if (!response.ok) {
    throw new Error(`Keycloak refused the sign-in (${response.status}).`);
  }
  const tokens = await response.json();
  accessToken = tokens.access_token;
  sessionStorage.setItem('idToken', tokens.id_token || '');
}

function claims(token) {
  const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
  return JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(payload), (c) => c.charCodeAt(0))));
}

function signOut(event) {
  event.preventDefault();
  const query = new URLSearchParams({
    client_id: settings.clientId, post_logout_redirect_uri: redirectUri(),
    id_token_hint: sessionStorage.getItem('idToken') || '',
  });
  sessionStorage.clear();
  window.location.assign(`${settings.issuer}/protocol/openid-connect/logout?${query}`);
}

// ---------------------------------------------------------------------------------------------------- the API

async function api(path, options = {}) {
  const response = await reach('intake-service', settings.intakeUrl + path, {
    ...options,
    headers: { Accept: 'application/json', Authorization: `Bearer ${accessToken}`, ...(options.headers || {}) },
  });
  if (response.status === 401) {
    await signIn(); // the token expired: Keycloak's session signs the agent straight back in
    return new Promise(() => {});
  }
  const body = response.headers.get('Content-Type')?.includes('json') ? await response.json() : null;
  return { status: response.status, ok: response.ok, body };
}

function text(value) {
  const span = document.createElement('span');
  span.textContent = value ?? '';
  return span.innerHTML; // everything shown passes through here: no markup from the API reaches the page
}

// ---------------------------------------------------------------------------------------------------- new call

function options(select, items, value, label) {
  select.innerHTML = items.map((i) => `<option value="${text(value(i))}">${text(label(i))}</option>`).join('');
}

async function loadDistricts(province) {
  const districts = (await api(`/api/v1/admin-units/provinces/${encodeURIComponent(province)}/districts`)).body || [];
  options($('[name=district]'), districts, (d) => d.code, (d) => d.name);
  await loadWards($('[name=district]').value);
}

async function loadWards(district) {
  const wards = district ? (await api(`/api/v1/admin-units/districts/${encodeURIComponent(district)}/wards`)).body
    : [];
  options($('[name="location.wardCode"]'), wards || [], (w) => w.code, (w) => w.fullName || w.name);
}

async function prepareForm() {
  $('#needs').insertAdjacentHTML('beforeend', Object.entries(NEEDS).map(([need, label]) =>
    `<label><input type="checkbox" name="needs" value="${need}"> ${text(label)}</label>`).join(''));
  $('#vulnerabilities').innerHTML = Object.entries(VULNERABILITIES).map(([v, label]) =>
    `<label><input type="checkbox" name="vulnerabilities" value="${v}"> ${text(label)}</label>`).join('');
  const provinces = (await api('/api/v1/admin-units/provinces')).body || [];
  options($('[name=province]'), provinces, (p) => p.code, (p) => p.name);
  if (provinces.some((p) => p.code === '74')) {
    $('[name=province]').value = '74'; // Bình Dương, where the 2021 figures come from
  }
  await loadDistricts($('[name=province]').value);
  $('[name=province]').addEventListener('change', (e) => loadDistricts(e.target.value));
  $('[name=district]').addEventListener('change', (e) => loadWards(e.target.value));
  $('#call-form').addEventListener('submit', submitCall);
}

async function submitCall(event) {
  event.preventDefault();
  const form = event.target;
  document.querySelectorAll('.error').forEach((e) => { e.textContent = ''; });
  const data = new FormData(form);
  const call = {
    callId: form.dataset.callId || crypto.randomUUID(), // kept until it succeeds: a retry is the same call
    channel: 'PHONE',
    caller: { name: data.get('caller.name') || null, phone: data.get('caller.phone') },
    location: { wardCode: data.get('location.wardCode'), addressText: data.get('location.addressText') || null },
    needs: data.getAll('needs'),
    householdSize: Number(data.get('householdSize')) || null,
    vulnerabilities: data.getAll('vulnerabilities'),
    notes: data.get('notes') || null,
    agentId: claims(accessToken).preferred_username,
  };
  form.dataset.callId = call.callId;
  const answer = await api('/api/v1/calls', {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(call),
  });
  if (!answer.ok) {
    const problem = answer.body || {};
    (problem.errors || []).forEach((e) => {
      const slot = document.querySelector(`.error[data-field="${CSS.escape(e.field)}"]`) || $('#form-error');
      slot.textContent += `${slot === $('#form-error') ? e.field + ' ' : ''}${e.message} `;
    });
    if (!problem.errors?.length) {
      $('#form-error').textContent = problem.detail || `The call could not be opened (${answer.status}).`;
    }
    return;
  }
  delete form.dataset.callId;
  form.reset();
  await showCase(answer.body.code);
  await loadQueue();
}

// ---------------------------------------------------------------------------------------------------- case view

async function showCase(code) {
  openCase = code;
  clearInterval(polling);
  await renderCase();
  polling = setInterval(renderCase, 2000); // the timeline fills in as the services act
}

async function renderCase() {
  const answer = await api(`/api/v1/cases/${encodeURIComponent(openCase)}`);
  if (!answer.ok) {
    return;
  }
  const c = answer.body;
  $('#case-empty').hidden = true;
  $('#case').hidden = false;
  $('#case-code').textContent = c.code;
  $('#case-status').textContent = c.status;
  $('#case-priority').textContent = c.priority;
  $('#case-linked').textContent = c.repeatCount ? `· called ${c.repeatCount + 1} times` : '';
  $('#case-reasons').innerHTML = (c.priorityReasons || [])
    .map((r) => `<li>${text(r.rule)} (+${text(r.points)})</li>`).join('');
  $('#timeline').innerHTML = (c.timeline || []).map((s) => `<li data-type="${text(s.type)}">`
    + `<time>${text(new Date(s.at).toLocaleString('vi-VN'))}</time><strong>${text(s.type)}</strong> `
    + `${text(s.summary)}</li>`).join('');
}

// ---------------------------------------------------------------------------------------------------- work queue

async function loadQueue() {
  const cases = (await api('/api/v1/cases?size=20')).body || [];
  $('#queue').innerHTML = cases.map((c) => `<tr data-code="${text(c.code)}"><td>${text(c.code)}</td>`
    + `<td>${text(c.priority)}</td><td>${text(c.status)}</td><td>${text((c.needs || []).join(', '))}</td>`
    + `<td>${text(c.location?.wardCode)}</td></tr>`).join('');
}

// ---------------------------------------------------------------------------------------------------- start

async function start() {
  settings = await (await fetch('/settings.json')).json();
  const params = new URLSearchParams(window.location.search);
  if (params.has('code')) {
    await finishSignIn(params);
  } else {
    await signIn();
    return;
  }
  const me = claims(accessToken);
  $('#user').textContent = `${me.preferred_username} (${(me.groups || []).join(', ')})`;
  $('#who').hidden = false;
  $('#sign-out').addEventListener('click', signOut);
  $('#refresh-queue').addEventListener('click', loadQueue);
  $('#queue').addEventListener('click', (e) => {
    const row = e.target.closest('tr[data-code]');
    if (row) {
      showCase(row.dataset.code);
    }
  });
  await prepareForm();
  await loadQueue();
  $('#status').textContent = '';
  $('#app').hidden = false;
}

start().catch((e) => {
  $('#status').textContent = e.message;
});
