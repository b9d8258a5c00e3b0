// DOM helpers of every page but the ops page's own (ops-dom.js): whatever came from an API becomes text nodes or
// attributes, never markup. And a problem+json answer shown where it belongs: each field's error next to its field.

import { t } from './i18n.js';

export const $ = (selector) => document.querySelector(selector);

/** An element with attributes (true: present, false/null: absent) and children (strings become text). */
export function el(tag, attributes = {}, ...children) {
  const e = document.createElement(tag);
  Object.entries(attributes).forEach(([name, value]) => {
    if (value !== undefined && value !== null && value !== false) {
      e.setAttribute(name, value === true ? '' : value);
    }
  });
  children.forEach((c) => e.append(c ?? ''));
  return e;
}

/** An element holding one text, with attributes: the table cells of the board and the run sheets. */
export function textEl(tag, content, attributes = {}) {
  const e = el(tag, attributes);
  if (content !== undefined && content !== null) {
    e.textContent = String(content);
  }
  return e;
}

/**
 * Each field error of a problem+json answer in the `.error[data-field=…]` slot of its field inside root (the form or
 * card that was sent: two forms may have a field of the same name), the rest in fallback; refusedKey names the text
 * for an answer without detail ("{status}" filled in).
 */
export function showFieldErrors(answer, root, fallback, refusedKey) {
  const problem = answer.body || {};
  (problem.errors || []).forEach((e) => {
    const slot = root.querySelector(`.error[data-field="${CSS.escape(e.field)}"]`) || fallback;
    slot.textContent += `${slot === fallback ? `${e.field} ` : ''}${e.message} `;
  });
  if (!problem.errors?.length) {
    fallback.textContent = problem.detail || t(refusedKey, { status: answer.status });
  }
}

export function clearErrors(root) {
  root.querySelectorAll('.error').forEach((e) => { e.textContent = ''; });
}
