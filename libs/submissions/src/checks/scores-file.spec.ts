import { substituteCommand } from './codalab-layout';
import { rankingScore, readScoresJson, readScoresTxt } from './scores-file';

describe('readScoresTxt', () => {
  it('should read every numeric key when the file has CodaLab key: value lines', () => {
    expect(readScoresTxt('accuracy: 0.75\nf1_macro:0.5\n\n# comment\nDuration: 0:00:01\nset1_score: -1e-3\n')).toEqual({
      scores: { accuracy: 0.75, f1_macro: 0.5, set1_score: -0.001 },
    });
  });

  it('should fail naming the line when a line has no key', () => {
    expect(readScoresTxt('accuracy 0.75\n')).toEqual({ failure: 'output/scores.txt line 1: expected "key: value"' });
  });

  it('should skip values that are not plain numbers when they only look like one', () => {
    expect(readScoresTxt('a: 0x10\nb: Infinity\nc: NaN\nd: 1.5\n')).toEqual({ scores: { d: 1.5 } });
  });
});

describe('readScoresJson', () => {
  it('should keep the finite numbers and skip the rest when the object mixes them', () => {
    expect(readScoresJson('{"rmse": 1, "note": "x", "nested": {"a": 1}, "flag": true}')).toEqual({ scores: { rmse: 1 } });
  });

  it('should refuse too many keys when a scorer writes more than 64', () => {
    const many = Object.fromEntries(Array.from({ length: 65 }, (_, index) => [`k${index}`, index]));
    expect(readScoresJson(JSON.stringify(many))).toEqual({ failure: 'output/scores.json: more than 64 scores' });
  });
});

describe('rankingScore', () => {
  it('should name the keys found when the ranking key is missing', () => {
    expect(rankingScore({ accuracy: 1, f1: 0.5 }, 'auc', 'output/scores.txt')).toEqual({ failure: 'output/scores.txt: "auc" must be a finite number (found "accuracy", "f1")' });
  });
});

describe('substituteCommand', () => {
  it("should replace CodaLab's variables with the sandbox's /app paths when the command uses them", () => {
    expect(substituteCommand('python $program/evaluate.py $input $output ${shared} $tmp/x $programs')).toBe(
      'python /app/program/evaluate.py /app/input /app/output /app/shared /tmp/x $programs',
    );
  });
});
