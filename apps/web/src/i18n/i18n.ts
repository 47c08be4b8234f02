import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { initialLanguage, readSections, requestShellCatalogue, Section, SectionLoaders, sectionOf, STORAGE_KEY } from './catalogues';
import { DEFAULT_LANGUAGE, LanguageCode } from './languages';

// Only the viewer's language is read at start; another is read when the viewer switches to it, and i18next switches
// once its strings are in (no key shows meanwhile). English stays the fallback but is not read for other viewers:
// catalogues.spec.ts fails when any language misses a key, so the fallback would never be asked.

// Sections lazily loaded pages brought (addSections), every language's, and the files already given to i18next.
const featureSections: SectionLoaders = {};
const added = new Set<string>();
// The language a switch is reading, so that a page arriving meanwhile reads its sections in that language too.
let switchingTo: LanguageCode | null = null;

// Pages may arrive before i18next has its first catalogue (the router starts their chunks at once): they wait for it.
let markReady: () => void = () => undefined;
const ready = new Promise<void>((resolve) => (markReady = resolve));

const addBundle = (code: string, sections: Record<string, Section>) => i18next.addResourceBundle(code, 'translation', sections, true, true);

async function addFeatureSections(code: string): Promise<void> {
  const missing = Object.fromEntries(Object.entries(featureSections).filter(([path]) => sectionOf(path)?.code === code && !added.has(path)));
  addBundle(code, await readSections(missing, code));
  for (const path of Object.keys(missing)) added.add(path);
}

/**
 * Adds the sections a lazily loaded page carries (`import.meta.glob` of its locales/<code>/<section>.json, not eager):
 * reads the viewer's language of them, and later the language the viewer switches to. Await it at the top of the
 * page's module, so that the page never renders before its strings.
 */
export async function addSections(files: SectionLoaders): Promise<void> {
  Object.assign(featureSections, files);
  await ready;
  const languages = new Set([i18next.language, switchingTo].filter((code): code is string => Boolean(code)));
  await Promise.all([...languages].map(addFeatureSections));
}

/** Reads `code`'s catalogue (the shell's and every page's sections met so far), then switches to it and keeps the choice. */
export async function setLanguage(code: LanguageCode): Promise<void> {
  switchingTo = code;
  try {
    const [shell] = await Promise.all([requestShellCatalogue(code), addFeatureSections(code)]);
    addBundle(code, shell);
    // A later choice made while this one was read wins.
    if (switchingTo !== code) return;
    localStorage.setItem(STORAGE_KEY, code);
    await i18next.changeLanguage(code);
  } finally {
    if (switchingTo === code) switchingTo = null;
  }
}

/** Starts i18next with the viewer's language once its catalogue is read (the first render waits for this). */
export async function initI18n(): Promise<void> {
  const code = initialLanguage();
  // Unreadable (the network dropped): the app still starts, showing keys until the viewer picks a language or reloads.
  const sections = await requestShellCatalogue(code).catch(() => ({}));
  await i18next.use(initReactI18next).init({
    resources: { [code]: { translation: sections } },
    lng: code,
    fallbackLng: DEFAULT_LANGUAGE,
    // React escapes what it renders: i18next must not escape it a second time.
    interpolation: { escapeValue: false },
  });
  const sync = (language: string) => document.documentElement.setAttribute('lang', language);
  sync(i18next.language);
  i18next.on('languageChanged', sync);
  markReady();
}
