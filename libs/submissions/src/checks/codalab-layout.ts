import { SandboxMount } from '@arena/sandbox';
import { open, readdir, readFile, stat } from 'fs/promises';
import { basename, join } from 'path';
import { parse } from 'yaml';

/** Where a CodaLab/Codabench scoring program finds its folders inside the sandbox (Codabench v2's /app paths). */
export const CODALAB_PATHS = {
  program: '/app/program',
  input: '/app/input',
  output: '/app/output',
  shared: '/app/shared',
  tmp: '/tmp',
} as const;

/** The job folder's subfolders, on the host, mounted at CODALAB_PATHS. */
export const CODALAB_FOLDERS = ['program', 'input', 'output', 'shared'] as const;

/** The mounts of a job folder laid out as CodaLab's: everything read-only but output/. */
export function codalabMounts(root: string): SandboxMount[] {
  return [
    { host: join(root, 'program'), target: CODALAB_PATHS.program, writable: false },
    { host: join(root, 'input'), target: CODALAB_PATHS.input, writable: false },
    { host: join(root, 'shared'), target: CODALAB_PATHS.shared, writable: false },
    { host: join(root, 'output'), target: CODALAB_PATHS.output, writable: true },
  ];
}

/** A metadata command with `$program`, `$input`, `$output`, `$shared` and `$tmp` replaced by their sandbox paths, as CodaLab does. */
export function substituteCommand(command: string): string {
  return command.replace(/\$\{?(program|input|output|shared|tmp)\b\}?/g, (_, name: keyof typeof CODALAB_PATHS) => CODALAB_PATHS[name]);
}

/** Metadata file names a scoring program may carry (CodaLab: `metadata`; Codabench: `metadata.yaml`). */
export const METADATA_FILES = ['metadata', 'metadata.yaml', 'metadata.yml'];

/** The `command` of a scoring program's metadata text, or a problem naming what is wrong. */
export function metadataCommand(text: string, file: string): { command: string } | { problem: string } {
  let doc: unknown;
  try {
    doc = parse(text.replace(/^\uFEFF/, ''), { maxAliasCount: 10 });
  } catch (error) {
    return { problem: `${file} is not valid YAML: ${(error as Error).message.split('\n')[0]}` };
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return { problem: `${file} must be a mapping with a command` };
  const command = (doc as Record<string, unknown>).command;
  if (typeof command !== 'string' || command.trim() === '') return { problem: `${file} has no command (e.g. "command: python3 $program/score.py $input $output")` };
  if (command.length > 2000) return { problem: `${file}: the command is longer than 2000 characters` };
  return { command: command.trim() };
}

/**
 * The folder of an unpacked scoring program that holds its metadata: the root, or the one folder the zip wrapped
 * everything in (`scoring_program/metadata`), as bundles made by zipping a folder do.
 */
export async function programRoot(dir: string): Promise<string> {
  const names = await readdir(dir).catch(() => [] as string[]);
  if (names.some((name) => METADATA_FILES.includes(name))) return dir;
  const visible = names.filter((name) => !name.startsWith('.') && name !== '__MACOSX');
  if (visible.length === 1 && (await stat(join(dir, visible[0]))).isDirectory()) return join(dir, visible[0]);
  return dir;
}

/** The command of the unpacked program's metadata, or null when it has none. */
export async function readProgramCommand(dir: string): Promise<{ command: string } | { problem: string } | null> {
  for (const name of METADATA_FILES) {
    const text = await readFile(join(dir, name), 'utf8').catch(() => null);
    if (text !== null) return metadataCommand(text, name);
  }
  return null;
}

/** The name a single uploaded file keeps in input/res or input/ref: its own base name when it is safe, else `fallback`. */
export function safeFileName(filename: string | null, fallback: string): string {
  const name = basename((filename ?? '').replace(/\\/g, '/'));
  return name && name !== '.' && name !== '..' && !/[\u0000-\u001f/]/.test(name) && name.length <= 255 ? name : fallback;
}

/** Whether a file starts like a zip archive, whatever its name says. */
export async function looksLikeZip(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(4);
    const { bytesRead } = await handle.read(buffer, 0, 4, 0);
    return bytesRead === 4 && buffer.readUInt32LE(0) === 0x04034b50;
  } finally {
    await handle.close();
  }
}
