// The agent page's places: ward names for the cases shown and the province → district → ward lists of the call form,
// each district's wards read once from intake's admin units. Used by app.js, which gives it its API call.

import { el } from './dom.js';

const $ = (selector) => document.querySelector(selector);
const wardNames = new Map(); // ward code -> name, from the admin units of the districts seen
const districtsRead = new Map(); // district code -> its wards' loading
let api;

/** The page's call to intake (with the agent's token). */
export function usePlacesApi(call) {
  api = call;
}

export function wardText(place) {
  if (!place?.wardCode) {
    return '—';
  }
  const name = wardNames.get(place.wardCode);
  return name ? `${name} (${place.wardCode})` : place.wardCode;
}

/** The wards of a district, once, for their names (and for the ward list of the call form). */
function districtWards(district) {
  if (!districtsRead.has(district)) {
    districtsRead.set(district, api(`/api/v1/admin-units/districts/${encodeURIComponent(district)}/wards`)
      .then((answer) => {
        const wards = answer.ok ? answer.body || [] : [];
        wards.forEach((w) => wardNames.set(w.code, w.fullName || w.name));
        if (!answer.ok) {
          districtsRead.delete(district); // try again next time
        }
        return wards;
      }));
  }
  return districtsRead.get(district);
}

export async function loadWardNames(cases) {
  await Promise.all([...new Set(cases.map((c) => c.location?.districtCode).filter(Boolean))].map(districtWards));
}

export function options(select, items, value, label) {
  select.replaceChildren(...items.map((i) => el('option', { value: value(i) }, label(i))));
}

export async function loadDistricts(province) {
  const districts = (await api(`/api/v1/admin-units/provinces/${encodeURIComponent(province)}/districts`)).body || [];
  options($('[name=district]'), districts, (d) => d.code, (d) => d.name);
  await loadWards($('[name=district]').value);
}

export async function loadWards(district) {
  const wards = district ? await districtWards(district) : [];
  options($('[name="location.wardCode"]'), wards, (w) => w.code, (w) => w.fullName || w.name);
}
