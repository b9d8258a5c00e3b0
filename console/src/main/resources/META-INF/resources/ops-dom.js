// DOM helpers of the ops page: everything from the API becomes text nodes, properties or data-* attributes, never
// markup, so a topic, an error message or a payload cannot inject anything into the page.

import { t } from './i18n.js';

export const $ = (selector) => document.querySelector(selector);

/** An element; strings among the children become text nodes; props are properties, data-* via `data`. */
export function el(tag, props = {}, ...children) {
  const e = document.createElement(tag);
  Object.entries(props).forEach(([k, v]) => {
    if (k === 'data') {
      Object.entries(v).forEach(([d, value]) => { e.dataset[d] = value ?? ''; });
    } else {
      e[k] = v;
    }
  });
  e.append(...children.flat().filter((c) => c !== null && c !== undefined)
    .map((c) => (c instanceof Node ? c : String(c))));
  return e;
}

/** A code's meaning in the chosen language (messages/*.json, ops.<CODE>); the code itself if it has none. */
export function codeText(code) {
  const key = `ops.${code}`;
  const s = t(key);
  return s === key ? String(code) : s;
}

/** A code shown as it is (OK, STALLED, NEW…), coloured by its class, with its meaning as a tooltip. */
export function badge(code) {
  return el('span', { className: `badge badge-${code}`, title: codeText(code) }, code);
}

/** Runs an event handler, showing what went wrong (ops-service unreachable, say) in `slot` instead of losing it. */
export function guarded(handler, slot) {
  return (event) => Promise.resolve(handler(event)).catch((e) => {
    $(slot).textContent = e.message;
  });
}
