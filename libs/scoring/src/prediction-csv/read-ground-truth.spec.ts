import { Readable } from 'node:stream';
import { ScoringFailure } from '../metrics/scoring-failure';
import { FractionSplit } from './fraction-split';
import { GroundTruthOptions, readGroundTruth } from './read-ground-truth';

const bySplitColumn: GroundTruthOptions = { idColumn: 'id', targetColumn: 'y', splitColumn: 'usage' };
const read = (text: string | Buffer, options: GroundTruthOptions = bySplitColumn) => readGroundTruth(Readable.from([Buffer.from(text)]), options);

async function failureOf(promise: Promise<unknown>): Promise<ScoringFailure> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ScoringFailure) return error;
    throw error;
  }
  throw new Error('expected a ScoringFailure');
}

describe('readGroundTruth', () => {
  it('should index ids, targets and splits when the file has a split column', async () => {
    const truth = await read('id,y,usage\na,1,public\nb,0,private\nc,1,public\n');
    expect(truth.size).toBe(3);
    expect([truth.count('public'), truth.count('private'), truth.count()]).toEqual([2, 1, 3]);
    const b = truth.indexOf('b')!;
    expect([truth.targetAt(b), truth.splitAt(b)]).toEqual(['0', 'private']);
    expect(truth.indexOf('zz')).toBeUndefined();
    expect([...truth.rows('public')]).toEqual([
      { id: 'a', target: '1' },
      { id: 'c', target: '1' },
    ]);
    expect(truth.columns).toEqual({ idColumn: 'id', targetColumn: 'y' });
  });

  it('should accept a BOM, CRLF, quoted commas, extra columns and any column order', async () => {
    const truth = await read('\ufeffnote,usage,y,id\r\n"x, y",public,"cat, black",a\r\n"",private,dog,"b,2"\r\n');
    expect(truth.targetAt(truth.indexOf('a')!)).toBe('cat, black');
    expect(truth.splitAt(truth.indexOf('b,2')!)).toBe('private');
  });

  it('should split by the seeded fraction when there is no split column', async () => {
    const ids = Array.from({ length: 50 }, (_, i) => `r${i}`);
    const truth = await read(`id,y\n${ids.map((id) => `${id},1`).join('\n')}\n`, { idColumn: 'id', targetColumn: 'y', taskId: 'task-9', publicFraction: 0.4 });
    const expected = new FractionSplit('task-9', 0.4);
    expect(ids.map((id) => truth.splitAt(truth.indexOf(id)!))).toEqual(ids.map((id) => expected.splitOf(id)));
  });

  it('should use a public fraction of 0.3 when the task gives none', async () => {
    const ids = Array.from({ length: 3000 }, (_, i) => `r${i}`);
    const truth = await read(`id,y\n${ids.map((id) => `${id},1`).join('\n')}\n`, { idColumn: 'id', targetColumn: 'y', taskId: 't' });
    expect(truth.count('public') / 3000).toBeGreaterThan(0.27);
    expect(truth.count('public') / 3000).toBeLessThan(0.33);
  });

  it('should refuse to guess a seed when there is neither a split column nor a task id', async () => {
    await expect(read('id,y\na,1\n', { idColumn: 'id', targetColumn: 'y' })).rejects.toThrow(RangeError);
  });

  it('should name the missing columns when the header lacks one', async () => {
    const failure = await failureOf(read('id,target\na,1\n'));
    expect(failure.message).toBe('ground truth: the header lacks the column(s) "y", "usage"');
  });

  it('should point at the delimiter when the file is semicolon-separated', async () => {
    expect((await failureOf(read('id;y;usage\na;1;public\n'))).message).toContain('seems to use ";" as its delimiter');
  });

  it('should name both rows when an id repeats', async () => {
    const failure = await failureOf(read('id,y,usage\na,1,public\nb,1,public\na,0,private\n'));
    expect(failure.message).toBe('ground truth: row 3 (id "a"): duplicate id (first on row 1)');
    expect([failure.row, failure.id]).toEqual([3, 'a']);
  });

  it('should refuse an empty id', async () => {
    expect((await failureOf(read('id,y,usage\n  ,1,public\n'))).message).toBe('ground truth: row 1 (id ""): the id is empty');
  });

  it('should refuse a split value other than public or private', async () => {
    expect((await failureOf(read('id,y,usage\na,1,Public\n'))).message).toContain('split "Public" is neither');
  });

  it('should refuse a row whose field count differs from the header', async () => {
    expect((await failureOf(read('id,y,usage\na,1,public\nb,1\n'))).message).toBe('ground truth: row 2 (id "b"): has 2 field(s), the header has 3');
  });

  it('should check targets for the metric without quoting them when a metric is given', async () => {
    const options = { ...bySplitColumn, metric: 'roc_auc' };
    const failure = await failureOf(read('id,y,usage\na,1,public\nb,TOPSECRET,private\n', options));
    expect(failure.message).toMatch(/^ground truth: row 2 \(id "b"\): the ground truth is not 0 or 1/);
    expect(failure.message).not.toContain('TOPSECRET');
    await expect(read('id,y,usage\na,1,public\nb,1e999,private\n', { ...bySplitColumn, metric: 'rmse' })).rejects.toThrow('not a finite number');
  });

  it('should refuse an empty file and a header without rows', async () => {
    expect((await failureOf(read(''))).message).toBe('ground truth: the file is empty');
    expect((await failureOf(read('id,y,usage\n'))).message).toBe('ground truth: the file has a header but no data rows');
  });

  it('should refuse invalid UTF-8', async () => {
    const failure = await failureOf(read(Buffer.concat([Buffer.from('id,y,usage\na,'), Buffer.from([0xfe]), Buffer.from(',public\n')])));
    expect(failure.message).toContain('not valid UTF-8');
  });

  it('should reject with the stream error when reading the file itself fails', async () => {
    const broken = new Readable({
      read() {
        this.destroy(new Error('disk gone'));
      },
    });
    await expect(readGroundTruth(broken, bySplitColumn)).rejects.toThrow('disk gone');
  });
});
