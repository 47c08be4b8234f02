import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { DEFAULT_LANGUAGE, LANGUAGES, LanguageCode } from './languages';

const STORAGE_KEY = 'arena.language';

// One file per language and section (locales/<code>/<section>.json), so features add their strings without touching
// each other's files; each file becomes the top-level key named after it.
// Sections used only by lazily loaded pages stay out of the first load (issue 13's 250 KB): each such page's chunk adds
// its own with addSections. Judging: the judges' panel; ctfConsole: the console's CTF pages;
// consoleAi: the console's AI pages; admin: the platform admin pages; consoleOps: the console's pages for running a contest;
// hackcon: the console's hackathon sections; hackstaff: removing and inviting judges, judging settings; aiEdit: editing an AI task;
// consoleCtfOps: editing announcements, removing challenge files, disbanding teams.
const FILES = import.meta.glob<Record<string, unknown>>(
  [
    './locales/*/*.json',
    '!./locales/*/judging.json',
    '!./locales/*/ctfConsole.json',
    '!./locales/*/consoleAi.json',
    '!./locales/*/admin.json',
    '!./locales/*/consoleOps.json',
    '!./locales/*/hackcon.json',
    '!./locales/*/hackstaff.json',
    '!./locales/*/aiEdit.json',
    '!./locales/*/consoleCtfOps.json',
  ],
  {
    eager: true,
    import: 'default',
  },
);

function resources(): Record<string, { translation: Record<string, unknown> }> {
  const result: Record<string, { translation: Record<string, unknown> }> = {};
  for (const [path, section] of Object.entries(FILES)) {
    const [, code, name] = /\/locales\/([^/]+)\/([^/]+)\.json$/.exec(path) ?? [];
    if (!code || !name) continue;
    (result[code] ??= { translation: {} }).translation[name] = section;
  }
  return result;
}

/** Adds the sections a lazily loaded feature carries in its chunk (`import.meta.glob` of its locales/<code>/<section>.json). */
export function addSections(files: Record<string, Record<string, unknown>>): void {
  for (const [path, section] of Object.entries(files)) {
    const [, code, name] = /\/locales\/([^/]+)\/([^/]+)\.json$/.exec(path) ?? [];
    if (code && name) i18next.addResourceBundle(code, 'translation', { [name]: section }, true, true);
  }
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
