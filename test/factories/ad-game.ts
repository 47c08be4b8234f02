import { ChildProcess, spawn } from 'child_process';
import { readFileSync } from 'fs';
import { join } from 'path';
import { zipOf } from '../utils/zip-writer';

const NOTES = join(__dirname, '..', 'fixtures', 'ad', 'notes');

/** The example notes checker as an archive (checker.py and its vendored checklib). */
export const notesCheckerZip = () =>
  zipOf({ 'checker.py': readFileSync(join(NOTES, 'checker', 'checker.py')), 'checklib.py': readFileSync(join(NOTES, 'checker', 'checklib.py')) });

/** One team's instance of the example notes service on a loopback address; resolves once it listens. */
export async function startNotes(host: string, port = 8080): Promise<ChildProcess> {
  const child = spawn('python3', [join(NOTES, 'service.py'), host, String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
  await new Promise<void>((resolve, reject) => {
    let err = '';
    child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.stdout?.once('data', () => resolve());
    child.once('exit', (code) => reject(new Error(`notes service on ${host} exited ${code}: ${err}`)));
  });
  return child;
}

export async function stopNotes(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

/** Runs the example exploit against a host for the given note ids; returns the flags it printed. */
export function runExploit(host: string, noteIds: string[], port = 8080): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn('python3', [join(NOTES, 'exploit.py'), host, String(port), ...noteIds], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('error', reject);
    child.once('exit', () =>
      resolve(
        out
          .split('\n')
          .map((line) => line.trim())
          .filter(Boolean),
      ),
    );
  });
}
