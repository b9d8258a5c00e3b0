// Signing in for every page of the console: Keycloak's authorization code flow with PKCE (a public client, no secret
// in the browser); the access token is kept in memory only. api() calls a service's REST API with it.
// The refresh token (memory only too) renews the access token before it expires, so a session lasts a whole shift;
// only when Keycloak refuses it (the session is over) does the page go back to the sign-in page.

const REFRESH_AT = 0.7; // of the access token's lifetime: renew well before it lapses
const RETRY_MS = 30000; // Keycloak unreachable for a moment: try again, the token may still be good

let settings;
let accessToken;
let refreshToken;
let refreshTimer;
let refreshing = null; // the refresh under way, shared by every caller that needs it
const beforeSignIn = []; // the pages' last words before leaving for Keycloak (save a draft)

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
  return window.location.origin + window.location.pathname;
}

/** fn() runs, synchronously, just before the page leaves for the sign-in page: save what must survive. */
export function onBeforeSignIn(fn) {
  beforeSignIn.push(fn);
}

async function signIn() {
  beforeSignIn.forEach((fn) => { try { fn(); } catch (e) { console.error(e); } });
  const verifier = randomString();
  const state = randomString();
  sessionStorage.setItem('pkce', JSON.stringify({ verifier, state }));
  const challenge = base64Url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  const query = new URLSearchParams({
    client_id: settings.clientId, response_type: 'code', scope: 'openid', redirect_uri: redirectUri(),
    state, code_challenge: challenge, code_challenge_method: 'S256',
  });
  window.location.assign(`${settings.issuer}/protocol/openid-connect/auth?${query}`);
  return new Promise(() => {}); // the page is leaving
}

/** Back from Keycloak with ?code=…&state=…: the code becomes a token, once, and leaves the address bar. */
async function finishSignIn(params) {
  const saved = JSON.parse(sessionStorage.getItem('pkce') || 'null');
  sessionStorage.removeItem('pkce');
  window.history.replaceState(null, '', window.location.pathname);
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
  keep(await response.json());
}

/** Holds a token answer in memory and schedules its renewal. */
function keep(tokens) {
  accessToken = tokens.access_token;
  refreshToken = tokens.refresh_token || refreshToken;
  if (tokens.id_token) {
    sessionStorage.setItem('idToken', tokens.id_token); // only for the sign-out link's id_token_hint
  }
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(renewOnTime, (tokens.expires_in || 300) * REFRESH_AT * 1000);
}

/** A new access token from the refresh token: 'ok', 'over' (Keycloak refused it) or 'unreachable'. */
function refresh() {
  refreshing ||= (async () => {
    if (!refreshToken) {
      return 'over';
    }
    let response;
    try {
      response = await fetch(`${settings.issuer}/protocol/openid-connect/token`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'refresh_token', client_id: settings.clientId,
          refresh_token: refreshToken }),
      });
    } catch (e) {
      return 'unreachable';
    }
    if (!response.ok) {
      return response.status >= 500 ? 'unreachable' : 'over'; // 400 invalid_grant: session ended or expired
    }
    keep(await response.json());
    return 'ok';
  })().catch(() => 'unreachable').finally(() => { refreshing = null; });
  return refreshing;
}

/** The timer's renewal: a session that is over signs in again now (the page saves its draft first). */
async function renewOnTime() {
  const outcome = await refresh();
  if (outcome === 'unreachable') {
    refreshTimer = setTimeout(renewOnTime, RETRY_MS);
  } else if (outcome === 'over') {
    await signIn();
  }
}

// For the browser tests (and a curious agent): renew now, and the current token's claims (never the token itself).
window.hotlineSession = { refreshNow: renewOnTime, claims: () => me() };

/** The signed-in user's token claims (name, groups = roles, hospital_code…). */
export function me() {
  const payload = accessToken.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
  return JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(payload), (c) => c.charCodeAt(0))));
}

function signOut(event) {
  event.preventDefault();
  const query = new URLSearchParams({
    client_id: settings.clientId, post_logout_redirect_uri: redirectUri(),
    id_token_hint: sessionStorage.getItem('idToken') || '',
  });
  sessionStorage.clear(); // a deliberate sign-out leaves nothing behind, a half-typed call neither
  window.location.assign(`${settings.issuer}/protocol/openid-connect/logout?${query}`);
}

/**
 * Signs in (a round trip to Keycloak the first time; its session makes later ones immediate), shows who is signed in
 * in #user with a working #sign-out link, and answers the settings (where the APIs are).
 */
export async function start() {
  settings = await (await fetch('/settings.json')).json();
  const params = new URLSearchParams(window.location.search);
  if (params.has('error')) { // Keycloak sent the user back without signing in: say why rather than loop
    window.history.replaceState(null, '', window.location.pathname);
    throw new Error(`Not signed in: ${params.get('error_description') || params.get('error')}. Reload to try again.`);
  }
  if (!params.has('code')) {
    await signIn();
  }
  await finishSignIn(params);
  const claims = me();
  document.querySelector('#user').textContent = `${claims.preferred_username} (${(claims.groups || []).join(', ')})`;
  document.querySelector('#who').hidden = false;
  document.querySelector('#sign-out').addEventListener('click', signOut);
  return settings;
}

/**
 * Calls a service with the token and answers fetch's Response (e.g. a stream to read). A 401 renews the token and
 * tries once more; only a session Keycloak will not renew signs in again. The token is read at each call, so a
 * reconnecting stream (ops-live.js) always goes with the freshest one.
 */
export async function request(server, baseUrl, path, options = {}) {
  const send = () => reach(server, baseUrl + path, {
    ...options,
    headers: { Accept: 'application/json', Authorization: `Bearer ${accessToken}`, ...(options.headers || {}) },
  });
  let response = await send();
  if (response.status === 401 && await refresh() === 'ok') {
    response = await send();
  }
  if (response.status === 401) {
    await signIn();
  }
  return response;
}

/** Calls a service's API with the token; {status, ok, body}. An expired token signs the user in again. */
export async function api(server, baseUrl, path, options = {}) {
  const response = await request(server, baseUrl, path, options);
  const body = response.headers.get('Content-Type')?.includes('json') ? await response.json() : null;
  return { status: response.status, ok: response.ok, body };
}

/** Text for innerHTML: everything shown passes through here, so no markup from an API reaches the page. */
export function text(value) {
  const span = document.createElement('span');
  span.textContent = value ?? '';
  return span.innerHTML;
}

/** Shows a problem+json answer's field errors next to their fields (.error[data-field]), the rest in `fallback`. */
export function showProblem(answer, fallback) {
  const problem = answer.body || {};
  (problem.errors || []).forEach((e) => {
    const slot = document.querySelector(`.error[data-field="${CSS.escape(e.field)}"]`) || fallback;
    slot.textContent += `${slot === fallback ? e.field + ' ' : ''}${e.message} `;
  });
  if (!problem.errors?.length) {
    fallback.textContent = problem.detail || `Refused (${answer.status}).`;
  }
}
