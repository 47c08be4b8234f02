import { CtfError } from '../ctf.errors';
import { mapChallengeDocument, readChallengeYaml } from './challenge-yaml.mapper';

const FULL = `
name: Warmup Web
author: arena-team
category: web
description: |
  Find the admin panel.
attribution: Written by the Arena team
value: 500
type: dynamic
extra:
  initial: 500
  decay: 30
  minimum: 100
  function: linear
connection_info: http://warmup.local:8080
attempts: 5
flags:
  - ACS{h1dd3n_4dm1n}
  - {type: static, content: "ACS{HIDDEN_ADMIN}", data: case_insensitive}
  - {type: regex, content: "ACS\\\\{adm1n-[0-9a-f]{8}\\\\}", data: case_sensitive}
tags: [web, {value: beginner}]
files: [dist/index.html, ./notes.txt]
hints:
  - Robots have their own file.
  - {content: "Look at /robots.txt", cost: 25, title: Robots}
requirements: [Intro, Rules]
state: hidden
topics: [recon]
next: Other
version: "0.1"
scheduled_at: 2026-11-27T10:00:00+07:00
logic: any
image: ./docker
protocol: http
host: warmup.local
healthcheck: check.py
solution: solve.py
`;

const minimal = (extra: string) => `name: A\ncategory: misc\nvalue: 100\n${extra}`;

async function failure(text: string): Promise<string> {
  const error = await readChallengeYaml(text, 'crypto-xor/challenge.yml').then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(CtfError);
  expect((error as CtfError).code).toBe('invalid-import');
  return (error as CtfError).message;
}

describe('readChallengeYaml', () => {
  it('should map every ctfcli key when the document uses them all', async () => {
    const mapped = await readChallengeYaml(FULL, 'web/challenge.yml');
    expect({ ...mapped.dto }).toEqual({
      name: 'Warmup Web',
      author: 'arena-team',
      attribution: 'Written by the Arena team',
      category: 'web',
      description: 'Find the admin panel.\n',
      type: 'dynamic',
      initial: 500,
      decay: 30,
      minimum: 100,
      function: 'linear',
      connectionInfo: 'http://warmup.local:8080',
      maxAttempts: 5,
      state: 'hidden',
      flags: [
        { type: 'static', content: 'ACS{h1dd3n_4dm1n}', caseInsensitive: false },
        { type: 'static', content: 'ACS{HIDDEN_ADMIN}', caseInsensitive: true },
        { type: 'regex', content: 'ACS\\{adm1n-[0-9a-f]{8}\\}', caseInsensitive: false },
      ],
      hints: [
        { content: 'Robots have their own file.', cost: 0 },
        { content: 'Look at /robots.txt', cost: 25 },
      ],
      requirements: ['Intro', 'Rules'],
      tags: ['web', 'beginner'],
    });
    expect(mapped.files).toEqual(['dist/index.html', 'notes.txt']);
    expect(mapped.warnings.map((warning) => warning.split(' ')[1])).toEqual(['topics', 'next', 'scheduled_at', 'logic', 'hints[1].title']);
    expect(mapped.source).toBe('web/challenge.yml');
  });

  it('should fill the defaults when optional keys are absent', async () => {
    const mapped = await readChallengeYaml('name: A\ncategory: misc\nvalue: 100\nflags:\n  - ACS{a}\n', 'challenge.yml');
    expect({ ...mapped.dto }).toEqual({
      name: 'A',
      category: 'misc',
      description: '',
      author: null,
      attribution: null,
      type: 'standard',
      value: 100,
      connectionInfo: null,
      maxAttempts: 0,
      state: 'visible',
      flags: [{ type: 'static', content: 'ACS{a}', caseInsensitive: false }],
      hints: [],
      requirements: [],
      tags: [],
    });
    expect(mapped.files).toEqual([]);
  });

  it('should default a dynamic challenge to logarithmic and take initial from value when extra.initial is absent', async () => {
    const mapped = await readChallengeYaml('name: D\ncategory: pwn\nvalue: 300\ntype: dynamic\nextra: {decay: 10, minimum: 50}\nflags: [x]\n', 'challenge.yml');
    expect(mapped.dto).toMatchObject({ type: 'dynamic', initial: 300, decay: 10, minimum: 50, function: 'logarithmic' });
    expect(mapped.dto.value).toBeUndefined();
  });

  it('should read requirements in their object form and warn about anonymize', async () => {
    const mapped = await readChallengeYaml(minimal('flags: [a]\nrequirements: {prerequisites: [Intro, Intro, Rules], anonymize: true}\n'), 'challenge.yml');
    expect(mapped.dto.requirements).toEqual(['Intro', 'Rules']);
    expect(mapped.warnings).toEqual([expect.stringMatching(/^challenge\.yml: requirements\.anonymize is not supported/)]);
  });

  it('should warn and carry on when keys are unknown', async () => {
    const mapped = await readChallengeYaml(
      minimal('flags: [{content: a, weird: 1}]\nhints: [{content: h, requirements: [1]}]\nextra: {bonus: 1}\ncolour: blue\n'),
      'x/challenge.yml',
    );
    expect(mapped.warnings).toEqual([
      'x/challenge.yml: unknown key colour ignored',
      'x/challenge.yml: unknown key extra.bonus ignored',
      'x/challenge.yml: unknown key flags[0].weird ignored',
      'x/challenge.yml: unknown key hints[0].requirements ignored',
    ]);
  });

  it('should warn when a challenge has no flags', async () => {
    const mapped = await readChallengeYaml(minimal(''), 'challenge.yml');
    expect(mapped.dto.flags).toEqual([]);
    expect(mapped.warnings).toEqual(['challenge.yml: no flags: the challenge cannot be solved']);
  });

  it.each([
    ['value: abc', 'value must be a number, not string "abc"'],
    ['value: 1.5', 'value must be an integer'],
    ['value: [1]', 'value must be a number, not a list'],
    ['attempts: many', 'attempts must be a number'],
    ['attempts: -1', 'attempts must not be less than 0'],
    ['name: 12', 'name must be a string, not number 12'],
    ['category: {a: 1}', 'category must be a string, not a mapping'],
    ['description: [a]', 'description must be a string'],
    ['author: 3', 'author must be a string'],
    ['connection_info: 8080', 'connection_info must be a string'],
    ['type: container', 'type must be one of standard, dynamic'],
    ['state: draft', 'state must be one of visible, hidden'],
    ['flags: ACS{a}', 'flags must be a list, not string'],
    ['flags: [12]', 'flags[0] must be a mapping, not number 12'],
    ['flags: [{content: 12}]', 'flags[0].content must be a string'],
    ['flags: [{type: fuzzy, content: a}]', 'flags[0].type must be one of static, regex'],
    ['flags: [{content: a, data: sometimes}]', 'flags[0].data must be one of case_sensitive, case_insensitive'],
    ['flags: [{type: regex, content: "ACS{(" }]', 'flags[0].content is not a valid regular expression'],
    ['flags: [""]', 'flags[0].content must be longer than or equal to 1 characters'],
    ['hints: [{content: a, cost: free}]', 'hints[0].cost must be a number'],
    ['hints: [{cost: 5}]', 'hints[0].content is required'],
    ['hints: [{content: a, cost: -5}]', 'hints[0].cost must not be less than 0'],
    ['hints: [3]', 'hints[0] must be a mapping'],
    ['requirements: [7]', 'requirements[0] must be the name of a challenge, not number 7'],
    ['requirements: {prerequisites: Intro}', 'requirements.prerequisites must be a list'],
    ['requirements: {prerequisites: [A], anonymize: sure}', 'requirements.anonymize must be true or false'],
    ['requirements: [A]', 'requirements: a challenge cannot require itself'],
    ['tags: [{value: 3}]', 'tags[0].value must be a string'],
    ['tags: [[a]]', 'tags[0] must be a mapping, not a list'],
    ['files: [/etc/passwd]', 'files[0] must be a path relative to the challenge folder'],
    ['files: ["C:\\\\x.txt"]', 'files[0] must be a path relative to the challenge folder'],
    ['files: [a/../../x]', 'files[0] must stay inside the challenge folder'],
    ['files: [a/x.txt, b/x.txt]', 'files: a/x.txt and b/x.txt would both be attached as x.txt'],
    ['files: [3]', 'files[0] must be a string'],
    ['extra: 5', 'extra must be a mapping'],
  ])('should answer a 400 naming the key when %s', async (line, message) => {
    const text = minimal('') + `${line}\n`;
    const deduped = text.replace(/^(name|category|value): .*\n(?=[\s\S]*^\1: )/gm, '');
    expect(await failure(deduped)).toContain(`crypto-xor/challenge.yml: ${message}`);
  });

  it.each([
    ['type: dynamic\nextra: {initial: 500, minimum: 100}', 'extra.decay is required for a dynamic challenge'],
    ['type: dynamic\nextra: {initial: 500, decay: 10}', 'extra.minimum is required for a dynamic challenge'],
    ['type: dynamic\nextra: {decay: 1, minimum: 1}', 'extra.initial (or value) is required for a dynamic challenge'],
    ['type: dynamic\nextra: {initial: 100, decay: 1, minimum: 200}', 'extra.minimum (200) must not exceed extra.initial (100)'],
    ['type: dynamic\nextra: {initial: x, decay: 1, minimum: 1}', 'extra.initial must be a number'],
    ['type: dynamic\nextra: {initial: 100, decay: 1, minimum: 1, function: exponential}', 'extra.function must be one of linear, logarithmic'],
    ['type: dynamic\nextra: {initial: 2000000, decay: 1, minimum: 1}', 'extra.initial must not be greater than 1000000'],
  ])('should answer a 400 naming the extra key when a dynamic challenge has %j', async (lines, message) => {
    expect(await failure(`name: D\ncategory: pwn\n${lines}\n`)).toContain(`crypto-xor/challenge.yml: ${message}`);
  });

  it.each([
    ['category: web\nvalue: 1\n', 'name is required'],
    ['name: A\nvalue: 1\n', 'category is required'],
    ['name: A\ncategory: web\n', 'value is required for a standard challenge'],
    ['- a\n- b\n', 'the document must be a mapping of challenge keys, not a list'],
    ['', 'the document must be a mapping of challenge keys, not null'],
    ['name: A\nname: B\n', 'not valid YAML: Map keys must be unique'],
    ['name: [A\n', 'not valid YAML'],
    [`name: ${'x'.repeat(129)}\ncategory: a\nvalue: 1\n`, 'name must be shorter than or equal to 128 characters'],
  ])('should answer a 400 when the document is %j', async (text, message) => {
    expect(await failure(text)).toContain(`crypto-xor/challenge.yml: ${message}`);
  });

  it('should refuse a billion-laughs document when aliases explode', async () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let level = 1; level < 9; level += 1) {
      const prev = String.fromCharCode(96 + level);
      const next = String.fromCharCode(97 + level);
      lines.push(`${next}: &${next} [*${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}]`);
    }
    expect(await failure(`${lines.join('\n')}\nname: A\ncategory: b\nvalue: 1\n`)).toMatch(/not valid YAML: .*alias/i);
  });

  it('should report every class-validator violation when several fields break the DTO rules', async () => {
    const message = await failure(`name: ""\ncategory: web\nvalue: 2000000\ntags: ["${'t'.repeat(70)}"]\n`);
    expect(message).toContain('name must be longer than or equal to 1 characters');
    expect(message).toContain('value must not be greater than 1000000');
    expect(message).toContain('each value in tags must be longer than or equal to 1 and shorter than or equal to 64 characters');
  });
});

describe('mapChallengeDocument', () => {
  it('should ignore ctfcli bookkeeping and deployment keys without a warning', () => {
    const doc = { name: 'A', category: 'b', value: 1, flags: ['ACS{a}'], version: '0.1', attribution: 'me' };
    const deployment = { image: '.', protocol: 'tcp', host: 'h', healthcheck: 'c.py', solution: 's.py' };
    expect(mapChallengeDocument({ ...doc, ...deployment }, 'challenge.yml').warnings).toEqual([]);
  });

  it('should warn once about each key CTFd plays by that Arena does not use when the document has them', () => {
    const doc = { name: 'A', category: 'b', value: 1, flags: ['ACS{a}'], topics: ['x'], next: 'B', scheduled_at: 'now', logic: 'any', hints: [{ title: 'T', content: 'c' }] };
    const warnings = mapChallengeDocument(doc, 'challenge.yml').warnings;
    expect(warnings.map((warning) => warning.split(' ')[1])).toEqual(['topics', 'next', 'scheduled_at', 'logic', 'hints[0].title']);
    expect(mapChallengeDocument({ ...doc, topics: null, next: null, scheduled_at: null, logic: null, hints: [] }, 'challenge.yml').warnings).toEqual([]);
  });
});
