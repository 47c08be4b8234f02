// npm run bench:metrics [-- --rows 1000000]
// Generates a ground truth and a prediction file per target shape in a temp dir (written streaming), then scores
// each of the 7 metrics in its own child process (so peak RSS is per metric): read the ground truth (with the default
// seeded 0.3 public split), then validate and score both splits in one streaming pass. Prints times and memory.
// The children run plain JavaScript transpiled into the temp dir, so ts-node's ~70 MB is not counted against a metric.
import { fork } from 'node:child_process';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { once } from 'node:events';
import { performance } from 'node:perf_hooks';
import { readGroundTruth, scorePredictionSplits } from '../libs/scoring/src';

type Shape = 'numbers' | 'binary' | 'labels' | 'lists';

const METRICS: Array<{ metric: string; shape: Shape }> = [
  { metric: 'accuracy', shape: 'labels' },
  { metric: 'macro_f1', shape: 'labels' },
  { metric: 'rmse', shape: 'numbers' },
  { metric: 'mae', shape: 'numbers' },
  { metric: 'log_loss', shape: 'binary' },
  { metric: 'roc_auc', shape: 'binary' },
  { metric: 'map_at_k', shape: 'lists' },
];

interface ChildResult {
  metric: string;
  readMs: number;
  scoreMs: number;
  baselineRssMb: number;
  afterReadRssMb: number;
  peakRssMb: number;
  peakSampledRssMb: number;
  outcome: unknown;
}

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

// Deterministic PRNG (mulberry32) so every run scores the same files.
function prng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function makeRow(shape: Shape, random: () => number): [string, string] {
  switch (shape) {
    case 'numbers': {
      const y = (random() - 0.5) * 200;
      return [y.toFixed(6), (y + (random() - 0.5) * 10).toFixed(6)];
    }
    case 'binary': {
      const y = random() < 0.3 ? 1 : 0;
      return [String(y), Math.min(1, Math.max(0, 0.35 * y + random() * 0.65)).toFixed(4)];
    }
    case 'labels': {
      const y = `class-${Math.floor(random() * 20)}`;
      return [y, random() < 0.7 ? y : `class-${Math.floor(random() * 21)}`];
    }
    case 'lists': {
      const label = () => `l${Math.floor(random() * 100)}`;
      const y = Array.from({ length: Math.floor(random() * 4) }, label); // 0-3 labels, empty rows included
      const p = Array.from({ length: 10 }, (_, i) => (i < y.length && random() < 0.5 ? y[i] : label()));
      return [y.join(' '), p.join(' ')];
    }
  }
}

async function writeLines(path: string, lines: Iterable<string>): Promise<void> {
  const out = createWriteStream(path);
  let batch = '';
  for (const line of lines) {
    batch += line;
    if (batch.length >= 1 << 16) {
      if (!out.write(batch)) await once(out, 'drain');
      batch = '';
    }
  }
  out.end(batch);
  await once(out, 'finish');
}

async function generate(dir: string, shape: Shape, rows: number): Promise<{ truth: string; predictions: string }> {
  const random = prng(shape.length * 7919);
  const targets: string[] = [];
  const predictions: string[] = [];
  for (let i = 0; i < rows; i++) {
    const [y, p] = makeRow(shape, random);
    targets.push(y);
    predictions.push(p);
  }
  const id = (i: number) => `id-${String(i).padStart(7, '0')}`;
  const truth = join(dir, `${shape}-truth.csv`);
  const predictionFile = join(dir, `${shape}-predictions.csv`);
  await writeLines(
    truth,
    (function* () {
      yield 'id,target\n';
      for (let i = 0; i < rows; i++) yield `${id(i)},${targets[i]}\n`;
    })(),
  );
  // Predictions in reverse order with the columns swapped, as a team might write them.
  await writeLines(
    predictionFile,
    (function* () {
      yield 'target,id\n';
      for (let i = rows - 1; i >= 0; i--) yield `${predictions[i]},${id(i)}\n`;
    })(),
  );
  return { truth, predictions: predictionFile };
}

async function child(metric: string, truthPath: string, predictionsPath: string): Promise<void> {
  let peakSampled = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakSampled = Math.max(peakSampled, process.memoryUsage().rss)), 20);
  const baseline = process.memoryUsage().rss;
  const t0 = performance.now();
  const groundTruth = await readGroundTruth(createReadStream(truthPath), {
    idColumn: 'id',
    targetColumn: 'target',
    taskId: 'bench-task',
    metric,
  });
  const t1 = performance.now();
  const afterRead = process.memoryUsage().rss;
  const outcome = await scorePredictionSplits({ groundTruth, predictions: createReadStream(predictionsPath), metric, k: 10 });
  const t2 = performance.now();
  clearInterval(sampler);
  peakSampled = Math.max(peakSampled, process.memoryUsage().rss);
  const result: ChildResult = {
    metric,
    readMs: t1 - t0,
    scoreMs: t2 - t1,
    baselineRssMb: mb(baseline),
    afterReadRssMb: mb(afterRead),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    peakSampledRssMb: mb(peakSampled),
    outcome,
  };
  process.send!(result);
}

// Transpiles this script and the scoring lib into `outDir` with the same layout; returns the script's JS path.
async function transpileForChildren(outDir: string): Promise<string> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ts = require('typescript') as typeof import('typescript'); // only the parent loads the compiler
  const root = join(__dirname, '..');
  const lib = join(root, 'libs', 'scoring', 'src');
  const sources = (await readdir(lib, { recursive: true })).filter((file) => file.endsWith('.ts') && !file.endsWith('.spec.ts')).map((file) => join(lib, file));
  for (const source of [__filename, ...sources]) {
    const { outputText } = ts.transpileModule(await readFile(source, 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
    });
    const target = join(outDir, relative(root, source)).replace(/\.ts$/, '.js');
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, outputText);
  }
  return join(outDir, relative(root, __filename)).replace(/\.ts$/, '.js');
}

function runChild(script: string, metric: string, truth: string, predictions: string): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env, NODE_PATH: join(__dirname, '..', 'node_modules') };
    const worker = fork(script, ['--child', metric, truth, predictions], { execArgv: [], env });
    let result: ChildResult | undefined;
    worker.on('message', (message) => (result = message as ChildResult));
    worker.on('error', reject);
    worker.on('exit', (code) => (result && code === 0 ? resolve(result) : reject(new Error(`${metric}: child exited ${code}`))));
  });
}

async function main(): Promise<void> {
  const rowsArg = process.argv.indexOf('--rows');
  const rows = rowsArg > 0 ? Number(process.argv[rowsArg + 1]) : 1_000_000;
  const dir = await mkdtemp(join(tmpdir(), 'arena-bench-metrics-'));
  try {
    const childScript = await transpileForChildren(join(dir, 'js'));
    const files = new Map<Shape, { truth: string; predictions: string }>();
    for (const shape of new Set(METRICS.map((m) => m.shape))) {
      const t0 = performance.now();
      const generated = await generate(dir, shape, rows);
      files.set(shape, generated);
      const size = (await stat(generated.predictions)).size;
      console.log(`generated ${shape}: ${rows} rows, predictions ${mb(size)} MB, in ${Math.round(performance.now() - t0)} ms`);
    }
    console.log(`\nnode ${process.version}, ${rows} rows per file, public fraction 0.3 (seeded), both splits scored in one pass\n`);
    console.log('metric     read truth   validate+score   RSS: baseline  after truth  peak (maxRSS / sampled)   scores');
    for (const { metric, shape } of METRICS) {
      const { truth, predictions } = files.get(shape)!;
      const r = await runChild(childScript, metric, truth, predictions);
      const outcome = JSON.stringify(r.outcome);
      console.log(
        `${metric.padEnd(10)} ${`${Math.round(r.readMs)} ms`.padStart(10)}   ${`${Math.round(r.scoreMs)} ms`.padStart(14)}   ` +
          `${`${r.baselineRssMb} MB`.padStart(13)}  ${`${r.afterReadRssMb} MB`.padStart(11)}  ${`${r.peakRssMb} MB / ${r.peakSampledRssMb} MB`.padStart(23)}   ${outcome}`,
      );
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--child') {
  child(process.argv[3], process.argv[4], process.argv[5]).catch((error) => {
    console.error(error);
    process.exit(1);
  });
} else {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
