import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';

// Every interface string lives in one catalogue per language (locales/<code>/<section>.json, one file per top-level
// section); a key missing from any of them would show English (or the raw key) to that language's readers.
const LOCALES = join(__dirname, 'locales');
const LANGUAGES = ['en', 'ko', 'id', 'vi', 'th'];
const SOURCES = join(__dirname, '..');

type Catalogue = { [key: string]: string | Catalogue };

function keys(catalogue: Catalogue, prefix = ''): string[] {
  return Object.entries(catalogue).flatMap(([key, value]) => (typeof value === 'string' ? [prefix + key] : keys(value, `${prefix}${key}.`)));
}

function load(code: string): Catalogue {
  const catalogue: Catalogue = {};
  for (const file of readdirSync(join(LOCALES, code)).filter((name) => name.endsWith('.json'))) {
    catalogue[file.replace(/\.json$/, '')] = JSON.parse(readFileSync(join(LOCALES, code, file), 'utf8')) as Catalogue;
  }
  return catalogue;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.spec.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Keys the code names literally: t('a.b'); keys built at run time (t(`events.kind.${kind}`)) are checked by prefix. */
function keysUsedInCode(): { literal: string[]; prefixes: string[] } {
  const literal = new Set<string>();
  const prefixes = new Set<string>();
  for (const file of sourceFiles(SOURCES)) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/\bt\(\s*'([a-zA-Z0-9_.]+)'/g)) literal.add(match[1]);
    for (const match of text.matchAll(/\bt\(\s*`([a-zA-Z0-9_.]+)\.\$\{/g)) prefixes.add(`${match[1]}.`);
    for (const match of text.matchAll(/\bt\([^)]*\?\s*'([a-zA-Z0-9_.]+)'\s*:\s*'([a-zA-Z0-9_.]+)'/g)) {
      literal.add(match[1]);
      literal.add(match[2]);
    }
  }
  return { literal: [...literal].sort(), prefixes: [...prefixes].sort() };
}

describe('language catalogues', () => {
  const english = keys(load('en')).sort();

  it('should have one catalogue folder per language with the same section files when the app lists five languages', () => {
    expect(readdirSync(LOCALES).sort()).toEqual([...LANGUAGES].sort());
    const sections = (code: string) => readdirSync(join(LOCALES, code)).sort();
    for (const code of LANGUAGES) expect({ code, sections: sections(code) }).toEqual({ code, sections: sections('en') });
  });

  it.each(LANGUAGES.filter((code) => code !== 'en'))('should have every English key and no other when the language is %s', (code) => {
    const catalogue = keys(load(code)).sort();
    expect({ missing: english.filter((key) => !catalogue.includes(key)), extra: catalogue.filter((key) => !english.includes(key)) }).toEqual({ missing: [], extra: [] });
  });

  it.each(LANGUAGES)('should have no empty string and keep every {{placeholder}} when the language is %s', (code) => {
    const english_ = load('en');
    const lookup = (catalogue: Catalogue, key: string) =>
      key.split('.').reduce<string | Catalogue | undefined>((node, part) => (typeof node === 'object' ? node[part] : undefined), catalogue);
    const placeholders = (text: unknown) => (typeof text === 'string' ? (text.match(/\{\{\w+\}\}/g) ?? []).sort() : []);
    const catalogue = load(code);
    const broken = keys(catalogue).filter((key) => {
      const text = lookup(catalogue, key);
      return typeof text !== 'string' || text.trim() === '' || JSON.stringify(placeholders(text)) !== JSON.stringify(placeholders(lookup(english_, key)));
    });
    expect(broken).toEqual([]);
  });

  it('should define every key the code asks for when a page calls t()', () => {
    const { literal, prefixes } = keysUsedInCode();
    expect(literal.length).toBeGreaterThan(20);
    expect(literal.filter((key) => !english.includes(key))).toEqual([]);
    expect(prefixes.filter((prefix) => !english.some((key) => key.startsWith(prefix)))).toEqual([]);
  });
});
