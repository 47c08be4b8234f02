import { splitProblem } from './import-problems';

describe('import problems', () => {
  it('should split the challenge file from the reason when the API names a document', () => {
    expect(splitProblem('zz-broken/challenge.yml: attempts must be a whole number, not lots')).toEqual({
      source: 'zz-broken/challenge.yml',
      reason: 'attempts must be a whole number, not lots',
    });
    expect(splitProblem('challenge.yaml: requirements: no challenge named Nope in this event')).toEqual({
      source: 'challenge.yaml',
      reason: 'requirements: no challenge named Nope in this event',
    });
  });

  it('should keep the whole message when it is about the upload as a whole', () => {
    expect(splitProblem('the archive holds no challenge.yml')).toEqual({ source: null, reason: 'the archive holds no challenge.yml' });
    expect(splitProblem('file: send exactly one .zip (got 2 files)')).toEqual({ source: null, reason: 'file: send exactly one .zip (got 2 files)' });
  });
});
