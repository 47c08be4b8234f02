import { Readable } from 'node:stream';
import { GroundTruthIndex } from './ground-truth-index';
import { readGroundTruth } from './read-ground-truth';
import { scorePredictions, scorePredictionSplits } from './score-predictions';

const text = (lines: string[]) => Readable.from([Buffer.from(`${lines.join('\n')}\n`)]);

// Binary task, 6 rows: public a b c (y 0 0 1), private d e f (y 1 0 1).
const binaryTruth = () =>
  readGroundTruth(text(['id,y,usage', 'a,0,public', 'b,0,public', 'c,1,public', 'd,1,private', 'e,0,private', 'f,1,private']), {
    idColumn: 'id',
    targetColumn: 'y',
    splitColumn: 'usage',
  });

describe('scorePredictions', () => {
  let truth: GroundTruthIndex;
  beforeEach(async () => {
    truth = await binaryTruth();
  });

  // p: a .1, b .4, c .35, d .8, e .9, f .7 (rows shuffled, columns swapped in the file)
  const predictions = () => text(['y,id', '0.9,e', '0.1,a', '0.7,f', '0.35,c', '0.8,d', '0.4,b']);

  it('should score only the rows of the split when a split is given', async () => {
    // public: y 0 0 1, p .1 .4 .35 → positive .35 beats .1, loses to .4 → 1/2
    expect(await scorePredictions({ groundTruth: truth, predictions: predictions(), metric: 'roc_auc', split: 'public' })).toEqual({ score: 0.5 });
    // private: y 1 0 1, p .8 .9 .7 → both positives lose to .9 → 0
    expect(await scorePredictions({ groundTruth: truth, predictions: predictions(), metric: 'roc_auc', split: 'private' })).toEqual({ score: 0 });
  });

  it('should score every row when no split is given', async () => {
    // positives .35 .8 .7; negatives .1 .4 .9 → .35: 1, .8: 2, .7: 2 → 5/9
    expect(await scorePredictions({ groundTruth: truth, predictions: predictions(), metric: 'roc_auc' })).toEqual({ score: 5 / 9 });
  });

  it('should score both splits in one pass', async () => {
    expect(await scorePredictionSplits({ groundTruth: truth, predictions: predictions(), metric: 'roc_auc' })).toEqual({
      scores: { public: 0.5, private: 0 },
    });
  });

  it('should give the same score when the file arrives one byte at a time', async () => {
    const bytes = Buffer.from('\ufeffid,y\r\n"a",0.1\r\nb,0.4\r\nc,0.35\r\nd,0.8\r\ne,0.9\r\nf,0.7');
    const oneByteChunks = Readable.from(Array.from(bytes, (byte) => Buffer.from([byte])));
    expect(await scorePredictions({ groundTruth: truth, predictions: oneByteChunks, metric: 'roc_auc' })).toEqual({ score: 5 / 9 });
  });

  it('should validate the rows of the other split too when scoring one split', async () => {
    const file = text(['id,y', 'a,0.1', 'b,0.4', 'c,0.35', 'd,NaN', 'e,0.9', 'f,0.7']);
    expect(await scorePredictions({ groundTruth: truth, predictions: file, metric: 'log_loss', split: 'public' })).toEqual({
      failure: 'row 4 (id "d"): prediction "NaN" is not a finite number',
    });
  });

  it('should fail naming the split when AUC is undefined on it', async () => {
    const oneClass = await readGroundTruth(text(['id,y,usage', 'a,1,public', 'b,1,public', 'c,0,private']), {
      idColumn: 'id',
      targetColumn: 'y',
      splitColumn: 'usage',
    });
    const file = () => text(['id,y', 'a,0.2', 'b,0.3', 'c,0.4']);
    expect(await scorePredictions({ groundTruth: oneClass, predictions: file(), metric: 'roc_auc', split: 'public' })).toEqual({
      failure: 'public split: roc_auc is undefined when the ground truth of the scored rows has only one class',
    });
  });

  it('should give null for a split without rows and fail when scoring it alone', async () => {
    const allPublic = await readGroundTruth(text(['id,y', 'a,1', 'b,2']), { idColumn: 'id', targetColumn: 'y', taskId: 't', publicFraction: 1 });
    const file = () => text(['id,y', 'a,1', 'b,4']);
    // public: errors 0, 2 → squares 0, 4 → mean 2 → √2
    expect(await scorePredictionSplits({ groundTruth: allPublic, predictions: file(), metric: 'rmse' })).toEqual({
      scores: { public: Math.SQRT2, private: null },
    });
    expect(await scorePredictions({ groundTruth: allPublic, predictions: file(), metric: 'rmse', split: 'private' })).toEqual({
      failure: 'the private split has no rows to score',
    });
  });

  it('should score label lists with the task k when the metric is map_at_k', async () => {
    const lists = await readGroundTruth(text(['id,y', 'a,x y', 'b,', 'c,z']), { idColumn: 'id', targetColumn: 'y', taskId: 't' });
    // a: y {x y}, p "y x" k 1 → 1/1 / min(2,1) = 1;  b: y {} → 0;  c: y {z}, p "q z" k 1 → 0 → mean 1/3
    const file = text(['id,y', 'a,y x', 'b,x', 'c,q z']);
    expect(await scorePredictions({ groundTruth: lists, predictions: file, metric: 'map_at_k', k: 1 })).toEqual({ score: 1 / 3 });
  });

  it('should compare labels as trimmed strings when scoring accuracy', async () => {
    const labels = await readGroundTruth(text(['id,label', 'a,cat', 'b,dog', 'c,"cat, black"']), { idColumn: 'id', targetColumn: 'label', taskId: 't' });
    const file = text(['label,id', ' cat ,a', 'Dog,b', '"cat, black",c']);
    expect(await scorePredictions({ groundTruth: labels, predictions: file, metric: 'accuracy' })).toEqual({ score: 2 / 3 });
  });

  it('should stop reading at the first bad row when the rest of the file is endless', async () => {
    let chunksRead = 0;
    async function* endless() {
      yield Buffer.from('id,y\nzz,0.5\n');
      for (;;) {
        chunksRead++;
        yield Buffer.from('a,0.5\n'.repeat(1000));
      }
    }
    const outcome = await scorePredictions({ groundTruth: truth, predictions: endless(), metric: 'rmse' });
    expect(outcome).toEqual({ failure: 'row 1 (id "zz"): unknown id (not in the ground truth)' });
    expect(chunksRead).toBeLessThan(5);
  });

  it('should reject instead of failing the submission when the input stream breaks', async () => {
    async function* broken() {
      yield Buffer.from('id,y\na,0.1\n');
      throw new Error('blob store unreachable');
    }
    await expect(scorePredictions({ groundTruth: truth, predictions: broken(), metric: 'rmse' })).rejects.toThrow('blob store unreachable');
  });
});
