// The call being typed lives in sessionStorage (this tab only) until intake has it, so a sign-in round trip, a reload
// or a crash does not lose it. Only the form's fields: the token never goes to storage. Used by app.js.

const DRAFT_KEY = 'hotline1022.callDraft';
const DRAFT_DELAY_MS = 300;
let draftTimer = null;

const $ = (selector) => document.querySelector(selector);

export function saveDraft() {
  clearTimeout(draftTimer);
  draftTimer = null;
  const form = $('#call-form');
  sessionStorage.setItem(DRAFT_KEY, JSON.stringify({ callId: form.dataset.callId, fields: [...new FormData(form)] }));
}

export function saveDraftSoon() {
  clearTimeout(draftTimer);
  draftTimer = setTimeout(saveDraft, DRAFT_DELAY_MS);
}

/** Whether typing is waiting to be saved (before leaving the page, save it at once). */
export const draftPending = () => draftTimer !== null;

export function clearDraft() {
  clearTimeout(draftTimer);
  draftTimer = null;
  sessionStorage.removeItem(DRAFT_KEY);
  $('#draft-restored').hidden = true;
}

/**
 * Puts a saved draft back: the place first (each list loads from the one above, with {@code loadDistricts} and
 * {@code loadWards}), then every other field.
 */
export async function restoreDraft(loadDistricts, loadWards) {
  const draft = JSON.parse(sessionStorage.getItem(DRAFT_KEY) || 'null');
  if (!draft) {
    return;
  }
  const values = new Map();
  draft.fields.forEach(([name, value]) => values.set(name, [...(values.get(name) || []), value]));
  const choose = async (name, load) => {
    const select = $(`[name="${name}"]`);
    if (values.has(name)) {
      select.value = values.get(name)[0];
    }
    if (load) {
      await load(select.value);
    }
  };
  await choose('province', loadDistricts);
  await choose('district', loadWards);
  await choose('location.wardCode');
  const form = $('#call-form');
  for (const field of form.elements) {
    if (field.type === 'checkbox') {
      field.checked = (values.get(field.name) || []).includes(field.value);
    } else if (field.name && field.tagName !== 'SELECT' && values.has(field.name)) {
      field.value = values.get(field.name)[0];
    }
  }
  if (draft.callId) {
    form.dataset.callId = draft.callId; // the same call: intake takes a retry of one it already has only once
  }
  $('#draft-restored').hidden = false;
}
