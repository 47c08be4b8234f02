import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { DEFAULT_LANGUAGE, LANGUAGES, LanguageCode } from './languages';

const STORAGE_KEY = 'arena.language';

// One file per language and section (locales/<code>/<section>.json), so features add their strings without touching
// each other's files; each file becomes the top-level key named after it.
const FILES = import.meta.glob<Record<string, unknown>>('./locales/*/*.json', { eager: true, import: 'default' });

function resources(): Record<string, { translation: Record<string, unknown> }> {
  const result: Record<string, { translation: Record<string, unknown> }> = {};
  for (const [path, section] of Object.entries(FILES)) {
    const [, code, name] = /\/locales\/([^/]+)\/([^/]+)\.json$/.exec(path) ?? [];
    if (!code || !name) continue;
    (result[code] ??= { translation: {} }).translation[name] = section;
  }
  return result;
}

function isLanguage(code: string | null | undefined): code is LanguageCode {
  return LANGUAGES.some((language) => language.code === code);
}

// The viewer's choice, else the browser's first language we have, else English.
function initialLanguage(): LanguageCode {
  const chosen = localStorage.getItem(STORAGE_KEY);
  if (isLanguage(chosen)) return chosen;
  const browser = navigator.languages.map((tag) => tag.split('-')[0]).find(isLanguage);
  return browser ?? DEFAULT_LANGUAGE;
}

export function setLanguage(code: LanguageCode): void {
  localStorage.setItem(STORAGE_KEY, code);
  void i18next.changeLanguage(code);
}

export function initI18n(): typeof i18next {
  void i18next.use(initReactI18next).init({
    resources: resources(),
    lng: initialLanguage(),
    fallbackLng: DEFAULT_LANGUAGE,
    // React escapes what it renders: i18next must not escape it a second time.
    interpolation: { escapeValue: false },
  });
  const sync = (code: string) => document.documentElement.setAttribute('lang', code);
  sync(i18next.language);
  i18next.on('languageChanged', sync);
  return i18next;
}
