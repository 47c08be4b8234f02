import { plainToInstance } from 'class-transformer';
import { validate, ValidationError } from 'class-validator';
import { posix } from 'path';
import { parse } from 'yaml';
import { ChallengeState, ChallengeType, FlagKind } from '../challenges/challenge.enums';
import { CreateChallengeDto } from '../challenges/dto/create-challenge.dto';
import { compileRegexFlag, RE2_LIMITS } from '../challenges/flag-matcher';
import { CtfError, CtfErrorCode } from '../ctf.errors';

/** A ctfcli `challenge.yml` turned into the JSON endpoint's DTO (validated by the same rules). */
export interface MappedChallenge {
  /** Where the document came from (`challenge.yml`, or its path in the archive); every message starts with it. */
  source: string;
  dto: CreateChallengeDto;
  /** `files:` as normalised paths relative to the document's folder. */
  files: string[];
  warnings: string[];
}

/** ctfcli keys we map. */
const MAPPED_KEYS = new Set([
  'name',
  'author',
  'attribution',
  'category',
  'description',
  'value',
  'type',
  'extra',
  'connection_info',
  'attempts',
  'flags',
  'hints',
  'requirements',
  'tags',
  'files',
  'state',
]);

/** ctfcli keys with no counterpart here that change how CTFd plays the challenge: each gets a warning naming it. */
const UNUSED_KEYS: Record<string, string> = {
  topics: 'topics (CTFd admin-only labels) are not used',
  next: 'next (the challenge CTFd suggests after this one) is not used',
  logic: 'logic (CTFd flag logic: any, all, team) is not used: any one flag solves the challenge',
  scheduled_at: 'scheduled_at is not used: publish the challenge by changing its state',
};

/** ctfcli keys about deployment and bookkeeping (ctfcli itself acts on them, CTFd does not): ignored without a warning. */
const IGNORED_KEYS = new Set(['version', 'image', 'protocol', 'host', 'healthcheck', 'solution']);

const EXTRA_KEYS = new Set(['initial', 'decay', 'minimum', 'function']);

/** DTO properties whose ctfcli key differs. */
const YAML_KEY: Record<string, string> = {
  initial: 'extra.initial',
  minimum: 'extra.minimum',
  decay: 'extra.decay',
  function: 'extra.function',
  maxAttempts: 'attempts',
  connectionInfo: 'connection_info',
  caseInsensitive: 'data',
};

type Doc = Record<string, unknown>;

export const importError = (source: string, message: string) => new CtfError(CtfErrorCode.InvalidImport, `${source}: ${message}`);

const isMapping = (value: unknown): value is Doc => typeof value === 'object' && value !== null && !Array.isArray(value);
const shown = (value: unknown) =>
  value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'a mapping' : `${typeof value} ${JSON.stringify(value)}`;

/** Type checks on one document; every failure is a 400 naming the yml key. */
class Reader {
  readonly warnings: string[] = [];

  constructor(readonly source: string) {}

  fail(message: string): never {
    throw importError(this.source, message);
  }

  warn(message: string): void {
    this.warnings.push(`${this.source}: ${message}`);
  }

  string(value: unknown, key: string): string {
    if (value === undefined) this.fail(`${key} is required`);
    if (typeof value !== 'string') this.fail(`${key} must be a string, not ${shown(value)}`);
    return value;
  }

  optionalString(value: unknown, key: string): string | null {
    return value === undefined || value === null ? null : this.string(value, key);
  }

  integer(value: unknown, key: string): number {
    if (typeof value !== 'number' || !Number.isFinite(value)) this.fail(`${key} must be a number, not ${shown(value)}`);
    if (!Number.isInteger(value)) this.fail(`${key} must be an integer`);
    return value;
  }

  optionalInteger(value: unknown, key: string): number | undefined {
    return value === undefined || value === null ? undefined : this.integer(value, key);
  }

  list(value: unknown, key: string): unknown[] {
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) this.fail(`${key} must be a list, not ${shown(value)}`);
    return value;
  }

  mapping(value: unknown, key: string): Doc {
    if (!isMapping(value)) this.fail(`${key} must be a mapping, not ${shown(value)}`);
    return value;
  }

  oneOf<T extends string>(value: unknown, key: string, allowed: readonly T[]): T {
    if (typeof value !== 'string' || !allowed.includes(value as T)) this.fail(`${key} must be one of ${allowed.join(', ')}, not ${shown(value)}`);
    return value as T;
  }

  unknownKeys(doc: Doc, known: Set<string>, prefix: string): void {
    for (const key of Object.keys(doc)) if (!known.has(key)) this.warn(`unknown key ${prefix}${key} ignored`);
  }
}

/** Parses one YAML document (aliases bounded, duplicate keys refused); a syntax error is a 400 with its line. */
export function parseYaml(text: string, source: string): unknown {
  try {
    return parse(text.replace(/^\uFEFF/, ''), { maxAliasCount: 100, uniqueKeys: true, prettyErrors: true });
  } catch (error) {
    throw importError(source, `not valid YAML: ${(error as Error).message.split('\n')[0]}`);
  }
}

function mapFlags(reader: Reader, raw: unknown): CreateChallengeDto['flags'] {
  return reader.list(raw, 'flags').map((flag, index) => {
    const key = `flags[${index}]`;
    if (typeof flag === 'string') return { type: FlagKind.Static, content: flag, caseInsensitive: false };
    const doc = reader.mapping(flag, key);
    reader.unknownKeys(doc, new Set(['type', 'content', 'data']), `${key}.`);
    const type = doc.type === undefined || doc.type === null ? FlagKind.Static : reader.oneOf(doc.type, `${key}.type`, [FlagKind.Static, FlagKind.Regex]);
    const content = reader.string(doc.content, `${key}.content`);
    const data =
      doc.data === undefined || doc.data === null || doc.data === '' ? 'case_sensitive' : reader.oneOf(doc.data, `${key}.data`, ['case_sensitive', 'case_insensitive'] as const);
    const caseInsensitive = data === 'case_insensitive';
    if (type === FlagKind.Regex) {
      try {
        compileRegexFlag(content, caseInsensitive);
      } catch (error) {
        reader.fail(`${key}.content is not a valid regular expression (${RE2_LIMITS}): ${(error as Error).message}`);
      }
    }
    return { type, content, caseInsensitive };
  });
}

function mapHints(reader: Reader, raw: unknown): NonNullable<CreateChallengeDto['hints']> {
  return reader.list(raw, 'hints').map((hint, index) => {
    const key = `hints[${index}]`;
    if (typeof hint === 'string') return { content: hint, cost: 0 };
    const doc = reader.mapping(hint, key);
    reader.unknownKeys(doc, new Set(['content', 'cost', 'title']), `${key}.`);
    if (doc.title !== undefined && doc.title !== null) reader.warn(`${key}.title is not used: a hint shows its cost, then its content`);
    return { content: reader.string(doc.content, `${key}.content`), cost: reader.optionalInteger(doc.cost, `${key}.cost`) ?? 0 };
  });
}

function mapRequirements(reader: Reader, raw: unknown): string[] {
  let list = raw;
  let key = 'requirements';
  if (isMapping(raw)) {
    reader.unknownKeys(raw, new Set(['prerequisites', 'anonymize']), 'requirements.');
    if (raw.anonymize !== undefined && raw.anonymize !== null && typeof raw.anonymize !== 'boolean') reader.fail('requirements.anonymize must be true or false');
    if (raw.anonymize === true) reader.warn('requirements.anonymize is not supported: a locked challenge is hidden from teams until its requirements are solved');
    list = raw.prerequisites;
    key = 'requirements.prerequisites';
  }
  const names = reader.list(list, key).map((name, index) => {
    if (typeof name !== 'string' || name.trim() === '') reader.fail(`${key}[${index}] must be the name of a challenge, not ${shown(name)}`);
    return name;
  });
  return [...new Set(names)];
}

function mapTags(reader: Reader, raw: unknown): string[] {
  const tags = reader.list(raw, 'tags').map((tag, index) => {
    if (typeof tag === 'string') return tag;
    const doc = reader.mapping(tag, `tags[${index}]`);
    reader.unknownKeys(doc, new Set(['value']), `tags[${index}].`);
    return reader.string(doc.value, `tags[${index}].value`);
  });
  return [...new Set(tags)];
}

/** `files:` entries as canonical relative paths; absolute paths and `..` are a 400. */
function mapFiles(reader: Reader, raw: unknown): string[] {
  const files = reader.list(raw, 'files').map((file, index) => {
    const key = `files[${index}]`;
    const path = reader.string(file, key).replace(/\\/g, '/');
    if (path.trim() === '') reader.fail(`${key} must not be empty`);
    if (path.startsWith('/') || /^[A-Za-z]:/.test(path)) reader.fail(`${key} must be a path relative to the challenge folder, not ${path}`);
    if (path.split('/').includes('..')) reader.fail(`${key} must stay inside the challenge folder (no ..): ${path}`);
    return posix.normalize(path).replace(/^\.\//, '');
  });
  const unique = [...new Set(files)];
  const names = new Map<string, string>();
  for (const path of unique) {
    const name = posix.basename(path);
    const other = names.get(name);
    if (other) reader.fail(`files: ${other} and ${path} would both be attached as ${name}`);
    names.set(name, path);
  }
  return unique;
}

/** The CreateChallengeDto fields of a parsed document, before class-validator; type errors are 400s naming the key. */
export function mapChallengeDocument(doc: unknown, source: string): { plain: Record<string, unknown>; files: string[]; warnings: string[] } {
  const reader: Reader = new Reader(source);
  if (!isMapping(doc)) reader.fail(`the document must be a mapping of challenge keys, not ${shown(doc)}`);
  for (const key of Object.keys(doc)) {
    if (UNUSED_KEYS[key] && doc[key] !== null && doc[key] !== undefined) reader.warn(UNUSED_KEYS[key]);
    else if (!MAPPED_KEYS.has(key) && !IGNORED_KEYS.has(key) && !UNUSED_KEYS[key]) reader.warn(`unknown key ${key} ignored`);
  }
  if (doc.name === undefined || doc.name === null) reader.fail('name is required');
  if (doc.category === undefined || doc.category === null) reader.fail('category is required');
  const type = doc.type === undefined || doc.type === null ? ChallengeType.Standard : reader.oneOf(doc.type, 'type', [ChallengeType.Standard, ChallengeType.Dynamic]);
  const extra = doc.extra === undefined || doc.extra === null ? {} : reader.mapping(doc.extra, 'extra');
  reader.unknownKeys(extra, EXTRA_KEYS, 'extra.');
  const value = reader.optionalInteger(doc.value, 'value');
  const plain: Record<string, unknown> = {
    name: reader.string(doc.name, 'name'),
    category: reader.string(doc.category, 'category'),
    description: reader.optionalString(doc.description, 'description') ?? '',
    author: reader.optionalString(doc.author, 'author'),
    attribution: reader.optionalString(doc.attribution, 'attribution'),
    type,
    connectionInfo: reader.optionalString(doc.connection_info, 'connection_info'),
    maxAttempts: reader.optionalInteger(doc.attempts, 'attempts') ?? 0,
    state: doc.state === undefined || doc.state === null ? ChallengeState.Visible : reader.oneOf(doc.state, 'state', [ChallengeState.Visible, ChallengeState.Hidden]),
  };
  if (type === ChallengeType.Standard) {
    if (value === undefined) reader.fail('value is required for a standard challenge');
    plain.value = value;
  } else {
    const initial = reader.optionalInteger(extra.initial, 'extra.initial') ?? value;
    if (initial === undefined) reader.fail('extra.initial (or value) is required for a dynamic challenge');
    const decay = reader.optionalInteger(extra.decay, 'extra.decay');
    if (decay === undefined) reader.fail('extra.decay is required for a dynamic challenge');
    const minimum = reader.optionalInteger(extra.minimum, 'extra.minimum');
    if (minimum === undefined) reader.fail('extra.minimum is required for a dynamic challenge');
    if (minimum > initial) reader.fail(`extra.minimum (${minimum}) must not exceed extra.initial (${initial})`);
    const fn = extra.function === undefined || extra.function === null ? 'logarithmic' : reader.oneOf(extra.function, 'extra.function', ['linear', 'logarithmic'] as const);
    Object.assign(plain, { initial, decay, minimum, function: fn });
  }
  plain.flags = mapFlags(reader, doc.flags);
  if ((plain.flags as unknown[]).length === 0) reader.warn('no flags: the challenge cannot be solved');
  plain.hints = mapHints(reader, doc.hints);
  plain.requirements = mapRequirements(reader, doc.requirements);
  if ((plain.requirements as string[]).includes(plain.name as string)) reader.fail('requirements: a challenge cannot require itself');
  plain.tags = mapTags(reader, doc.tags);
  const files = mapFiles(reader, doc.files);
  return { plain, files, warnings: reader.warnings };
}

/** `flags.0.caseInsensitive` → `flags[0].data`. */
function yamlPath(path: string[]): string {
  return path.reduce((key, segment, index) => {
    if (/^\d+$/.test(segment)) return `${key}[${segment}]`;
    const name = index === path.length - 1 || index === 0 ? (YAML_KEY[segment] ?? segment) : segment;
    return key ? `${key}.${name}` : name;
  }, '');
}

function violations(errors: ValidationError[], parent: string[] = []): string[] {
  return errors.flatMap((error) => {
    const path = [...parent, error.property];
    const key = yamlPath(path);
    const own = Object.values(error.constraints ?? {}).map((message) => {
      const pattern = new RegExp(`\\b${error.property.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`);
      return pattern.test(message) ? message.replace(pattern, key) : `${key}: ${message}`;
    });
    return [...own, ...violations(error.children ?? [], path)];
  });
}

/** Validates the mapped fields with the JSON endpoint's DTO rules; a violation is a 400 naming the yml key. */
export async function toChallengeDto(plain: Record<string, unknown>, source: string): Promise<CreateChallengeDto> {
  const dto = plainToInstance(CreateChallengeDto, plain);
  const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true });
  if (errors.length) throw importError(source, violations(errors).join('; '));
  return dto;
}

/** A `challenge.yml` text: parsed, mapped and validated. */
export async function readChallengeYaml(text: string, source: string): Promise<MappedChallenge> {
  const { plain, files, warnings } = mapChallengeDocument(parseYaml(text, source), source);
  return { source, dto: await toChallengeDto(plain, source), files, warnings };
}
