import { DEFAULT_LANGUAGE, LANGUAGES, LanguageCode } from './languages';

/** One section of a catalogue (locales/<code>/<section>.json), added under the top-level key named after its file. */
export type Section = Record<string, unknown>;
/** Section files by path, each read on demand (`import.meta.glob` without `eager`). */
export type SectionLoaders = Record<string, () => Promise<Section>>;

export const STORAGE_KEY = 'arena.language';

// The shell's sections, every language's, none in the first load: vite.config.ts groups each language's into one chunk
// (locale-<code>), fetched for the viewer's language at start and for another when the viewer switches to it.
// Sections used only by lazily loaded pages are left to those pages (addSections). Judging: the judges' panel;
// ctfConsole: the console's CTF pages; consoleAi: the console's AI pages; admin: the platform admin pages;
// consoleOps: the console's pages for running a contest; hackcon: the console's hackathon sections; hackstaff: removing
// and inviting judges, judging settings; aiEdit: editing an AI task; consoleCtfOps: editing announcements, removing
// challenge files, disbanding teams.
const SHELL: SectionLoaders = import.meta.glob<Section>(
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
  { import: 'default' },
);

/** The language and section a catalogue file's path names. */
export function sectionOf(path: string): { code: string; name: string } | null {
  const [, code, name] = /\/locales\/([^/]+)\/([^/]+)\.json$/.exec(path) ?? [];
  return code && name ? { code, name } : null;
}

/** Reads the files of `loaders` that belong to `code`, as sections by name. */
export async function readSections(loaders: SectionLoaders, code: string): Promise<Record<string, Section>> {
  const files = Object.entries(loaders).filter(([path]) => sectionOf(path)?.code === code);
  const sections = await Promise.all(files.map(async ([path, load]) => [sectionOf(path)!.name, await load()] as const));
  return Object.fromEntries(sections);
}

const shellRequests = new Map<string, Promise<Record<string, Section>>>();

/** The shell's catalogue for `code`, requested once (a failed read is asked again next time). */
export function requestShellCatalogue(code: LanguageCode): Promise<Record<string, Section>> {
  let request = shellRequests.get(code);
  if (!request) {
    request = readSections(SHELL, code);
    request.catch(() => shellRequests.delete(code));
    shellRequests.set(code, request);
  }
  return request;
}

export function isLanguage(code: string | null | undefined): code is LanguageCode {
  return LANGUAGES.some((language) => language.code === code);
}

/** The viewer's choice, else the browser's first language we have, else English. */
export function initialLanguage(): LanguageCode {
  const chosen = localStorage.getItem(STORAGE_KEY);
  if (isLanguage(chosen)) return chosen;
  const browser = navigator.languages.map((tag) => tag.split('-')[0]).find(isLanguage);
  return browser ?? DEFAULT_LANGUAGE;
}
