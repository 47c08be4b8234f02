import { formFields, initialValues, newFlag, newHint, toBody } from './challenge-form.values';

const detail = {
  id: '00000000-0000-4000-8000-000000000001',
  name: 'Echo',
  category: 'misc',
  description: 'say it',
  author: null,
  attribution: null,
  tags: ['net', 'easy'],
  connectionInfo: 'nc echo 1337',
  value: 480,
  solves: 3,
  solvedByMe: false,
  attemptsLeft: null,
  hints: [{ id: 'h1', cost: 50, unlocked: true, content: 'look closer' }],
  files: [],
  firstBlood: null,
  state: 'hidden' as const,
  type: 'dynamic' as const,
  function: 'linear' as const,
  initial: 500,
  minimum: 100,
  decay: 10,
  maxAttempts: 5,
  position: 0,
  requirements: ['Warmup'],
  flags: [{ id: 'f1', type: 'regex' as const, content: 'ACS\\{e+\\}', caseInsensitive: true }],
};

describe('challenge form values', () => {
  it('should send a standard challenge with its value only and leave empty optional texts out when creating', () => {
    const values = { ...initialValues(), name: ' Warmup ', category: 'web', valueFunction: 'static' as const, value: 150 as const };
    values.flags = [{ ...newFlag(), content: 'ACS{warm}' }];
    const body = toBody(values, false);
    expect(body).toMatchObject({ name: 'Warmup', category: 'web', type: 'standard', value: 150, flags: [{ type: 'static', content: 'ACS{warm}', caseInsensitive: false }] });
    expect(body).not.toHaveProperty('initial');
    expect(body.connectionInfo).toBeUndefined();
    expect(body.tags).toEqual([]);
  });

  it('should send the dynamic fields of the chosen function and leave an empty number for the API to name', () => {
    const values = { ...initialValues(), valueFunction: 'logarithmic' as const, initial: 500 as const, minimum: '' as const, decay: 30 as const };
    const body = toBody(values, false);
    expect(body).toMatchObject({ type: 'dynamic', function: 'logarithmic', initial: 500, decay: 30 });
    expect(body.minimum).toBeUndefined();
    expect(body).not.toHaveProperty('value');
  });

  it('should keep every field of an edited challenge and clear emptied optional texts with null', () => {
    const values = initialValues(detail);
    expect(values).toMatchObject({ valueFunction: 'linear', initial: 500, minimum: 100, decay: 10, state: 'hidden', tags: 'net, easy', requirements: ['Warmup'], maxAttempts: 5 });
    const body = toBody({ ...values, connectionInfo: '  ' }, true);
    expect(body).toMatchObject({
      type: 'dynamic',
      function: 'linear',
      flags: [{ type: 'regex', content: 'ACS\\{e+\\}', caseInsensitive: true }],
      hints: [{ content: 'look closer', cost: 50 }],
      requirements: ['Warmup'],
      state: 'hidden',
      tags: ['net', 'easy'],
      connectionInfo: null,
      author: null,
    });
  });

  it('should list nested flag and hint fields before the plain ones so a message lands on its row', () => {
    const values = { ...initialValues(), flags: [newFlag(), newFlag('regex')], hints: [newHint()] };
    const fields = formFields(values);
    expect(fields.indexOf('flags.1.content')).toBeLessThan(fields.indexOf('flags'));
    expect(fields.indexOf('hints.0.cost')).toBeLessThan(fields.indexOf('hints'));
    expect(fields).toContain('minimum');
  });
});
