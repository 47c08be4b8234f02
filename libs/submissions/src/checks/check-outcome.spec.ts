import { scoreFromJson } from './check-outcome';

describe('scoreFromJson', () => {
  it('should read the score when the key holds a finite number', () => {
    expect(scoreFromJson('{"acc": 0.75, "other": "x"}', 'acc')).toEqual({ score: 0.75 });
  });

  it('should fail when the key holds a string', () => {
    expect(scoreFromJson('{"acc": "0.75"}', 'acc')).toMatchObject({ reason: 'invalid-output', failure: expect.stringContaining('"acc"') });
  });

  it('should fail when the file is YAML rather than JSON', () => {
    expect(scoreFromJson('acc: !!float 0.75', 'acc')).toMatchObject({ failure: 'output/scores.json is not valid JSON' });
  });

  it('should fail when the value is not finite or the document is not an object', () => {
    expect(scoreFromJson('{"acc": 1e309}', 'acc')).toMatchObject({ reason: 'invalid-output' });
    expect(scoreFromJson('[0.5]', 'acc')).toMatchObject({ failure: 'output/scores.json must be a JSON object' });
    expect(scoreFromJson('{}', 'acc')).toMatchObject({ reason: 'invalid-output' });
  });
});
