// The web app's build (dist/web) and whether it is stale; used by npm start and by the browser tests.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(fileURLToPath(new URL('.', import.meta.url)), '..');
export const WEB_DIST = join(ROOT, 'dist', 'web');
// Outside dist/web: Vite empties that folder when it builds.
const STAMP = join(ROOT, 'dist', '.arena-web-build');
const INPUTS = [join(ROOT, 'apps', 'web'), join(ROOT, 'package.json'), join(ROOT, 'package-lock.json')];

/** The newest modification time under `path` (node_modules left out). */
export function newestMtime(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs; // a deleted or renamed file shows as a newer directory
  for (const entry of readdirSync(path)) {
    if (entry !== 'node_modules') newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

export function webBuildIsCurrent() {
  if (!existsSync(STAMP) || !existsSync(join(WEB_DIST, 'index.html'))) return false;
  const newestSource = Math.max(...INPUTS.filter((path) => existsSync(path)).map(newestMtime));
  return statSync(STAMP).mtimeMs > newestSource;
}

/** Runs vite build; resolves when done, rejects with its output when it fails. */
export function buildWeb({ quiet = true, env = process.env, onChild = () => {} } = {}) {
  return new Promise((resolve, reject) => {
    const vite = join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
    const child = spawn(process.execPath, [vite, 'build', '--config', join(ROOT, 'apps', 'web', 'vite.config.ts'), '--logLevel', 'warn'], {
      cwd: ROOT,
      // Always the production bundle: the test harness runs with NODE_ENV=test, which would make Vite bundle React's
      // development build (a third larger) and stamp it as current for npm start.
      env: { ...env, NODE_ENV: 'production' },
      stdio: ['ignore', quiet ? 'pipe' : 'inherit', quiet ? 'pipe' : 'inherit'],
      detached: true,
    });
    child.group = true;
    onChild(child);
    const output = [];
    if (quiet) for (const stream of [child.stdout, child.stderr]) stream.on('data', (chunk) => output.push(chunk));
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      onChild(null);
      if (code === 0) {
        writeFileSync(STAMP, `${new Date().toISOString()}\n`);
        resolve();
        return;
      }
      reject(new Error(`the web build failed (${signal ?? `exit code ${code}`})\n${Buffer.concat(output).toString('utf8')}`));
    });
  });
}

// Held while one process builds: Vite empties dist/web first, so a second build (or a read) meanwhile sees no app.
const LOCK = join(ROOT, 'dist', '.arena-web-build.lock');
// A lock older than this was left by a process that died mid-build.
const STALE_LOCK_MS = 10 * 60_000;

/**
 * Builds dist/web when it is stale, once across processes: the browser suites run two at a time, and two builds at once
 * would each empty the folder the other's app is being served from. The others wait for the lock, then find it current.
 */
export async function ensureWebBuild(options = {}) {
  mkdirSync(join(ROOT, 'dist'), { recursive: true });
  for (;;) {
    if (webBuildIsCurrent()) return false;
    try {
      mkdirSync(LOCK);
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      if (Date.now() - statSync(LOCK).mtimeMs > STALE_LOCK_MS) rmSync(LOCK, { recursive: true, force: true });
      else await new Promise((resolve) => setTimeout(resolve, 250));
      continue;
    }
    try {
      if (webBuildIsCurrent()) return false;
      await buildWeb(options);
      return true;
    } finally {
      rmSync(LOCK, { recursive: true, force: true });
    }
  }
}
