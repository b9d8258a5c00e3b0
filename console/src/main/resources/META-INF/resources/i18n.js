// The console's words, one home for every page: messages/vi.json and messages/en.json (one file per language, keys
// "<page>.<label>", "common.<label>" and "enum.<Type>.<VALUE>"). Vietnamese first; the English switch is remembered in
// the browser. Times are always shown in Vietnam's time zone, whatever the browser's.

const LANGUAGE_KEY = 'hotline1022.language';
const ZONE = 'Asia/Ho_Chi_Minh';
const LANGUAGES = ['vi', 'en'];

let language = LANGUAGES.includes(localStorage.getItem(LANGUAGE_KEY)) ? localStorage.getItem(LANGUAGE_KEY) : 'vi';
const texts = {}; // language -> key -> text, loaded once each
const formats = new Map(); // one Intl.DateTimeFormat per language and precision
const listeners = [];

async function load(lang) {
  if (!texts[lang]) {
    const response = await fetch(`messages/${lang}.json`, { cache: 'no-cache' });
    if (!response.ok) {
      throw new Error(`messages/${lang}.json: ${response.status}`);
    }
    texts[lang] = await response.json();
  }
  return texts[lang];
}

/** Loads the chosen language (and Vietnamese, the fallback for a key English lacks) and labels the page. */
export async function loadTexts() {
  await Promise.all([load('vi'), load(language)]);
  applyTexts();
}

export function currentLanguage() {
  return language;
}

/**
 * A case timeline step's line in the chosen language: intake keeps it in Vietnamese (summary) with English beside it
 * (summaryEn), which steps recorded before English lack: those show their Vietnamese.
 */
export function stepSummary(step) {
  return (language === 'en' && step.summaryEn) || step.summary || '';
}

/** The text of a key in the chosen language, {name}-style holes filled from values; the key itself if unknown. */
export function t(key, values = {}) {
  const s = texts[language]?.[key] ?? texts.vi?.[key] ?? key;
  return s.replace(/\{(\w+)\}/g, (hole, name) => String(values[name] ?? ''));
}

/** An enum value from the API by its name in the chosen language (CaseStatus OPEN → "Mới"). */
export function enumText(type, value) {
  if (value === null || value === undefined || value === '') {
    return '—';
  }
  const key = `enum.${type}.${value}`;
  const s = t(key);
  return s === key ? String(value) : s;
}

/** Labels every element of root that names a key: data-i18n (text), data-i18n-placeholder, data-i18n-title. */
export function applyTexts(root = document) {
  if (root === document) {
    document.documentElement.lang = language;
    const title = document.querySelector('meta[name=i18n-title]');
    if (title) {
      document.title = t(title.content);
    }
  }
  root.querySelectorAll('[data-i18n]').forEach((e) => { e.textContent = t(e.dataset.i18n); });
  root.querySelectorAll('[data-i18n-placeholder]').forEach((e) => { e.placeholder = t(e.dataset.i18nPlaceholder); });
  root.querySelectorAll('[data-i18n-title]').forEach((e) => { e.title = t(e.dataset.i18nTitle); });
}

/** fn() runs after the language changed and the static labels were redrawn: redraw what came from the API. */
export function onLanguageChange(fn) {
  listeners.push(fn);
}

/** Vietnamese ↔ English; a button with data-i18n="common.otherLanguage" shows the other one's name. */
export async function switchLanguage() {
  language = language === 'vi' ? 'en' : 'vi';
  localStorage.setItem(LANGUAGE_KEY, language);
  await load(language);
  applyTexts();
  listeners.forEach((fn) => fn(language));
}

/** A time from the API (ISO-8601) in Vietnam's time zone: dd/MM/yyyy HH:mm(:ss(.SSS)); millis implies seconds. */
export function when(iso, { seconds = false, date = true, millis = false } = {}) {
  if (!iso) {
    return '—';
  }
  const key = `${language} ${seconds} ${date} ${millis}`;
  if (!formats.has(key)) {
    formats.set(key, new Intl.DateTimeFormat(language === 'vi' ? 'vi-VN' : 'en-GB', {
      timeZone: ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
      ...(date ? { day: '2-digit', month: '2-digit', year: 'numeric' } : {}),
      ...(seconds || millis ? { second: '2-digit' } : {}),
      ...(millis ? { fractionalSecondDigits: 3 } : {}),
    }));
  }
  return formats.get(key).format(new Date(iso));
}

/** How long ago, in minutes or hours: "12 phút" / "12 min". */
export function since(iso, now = Date.now()) {
  if (!iso) {
    return '—';
  }
  const minutes = Math.max(0, Math.round((now - new Date(iso).getTime()) / 60000));
  return minutes < 120 ? t('common.minutes', { n: minutes }) : t('common.hours', { n: Math.round(minutes / 60) });
}

/** Needs by their names in the chosen language, comma-separated. */
export function needsText(needs) {
  return (needs || []).map((n) => enumText('Need', n)).join(', ') || '—';
}

const VIETNAM_OFFSET = '+07:00'; // Asia/Ho_Chi_Minh: no daylight saving since 1975

/**
 * A datetime-local field's value ("2021-07-19T08:30") read as Vietnam's time, as an ISO instant; empty gives null, and
 * a value that is no time is passed on as it is, for the API to refuse with its field error.
 */
export function vietnamInstant(local) {
  if (!local) {
    return null;
  }
  const date = new Date(`${local.length === 16 ? `${local}:00` : local}${VIETNAM_OFFSET}`);
  return Number.isNaN(date.getTime()) ? local : date.toISOString();
}
