import { Dirent } from 'fs';
import { lstat, readdir } from 'fs/promises';
import { join } from 'path';

/**
 * Whether a regular file under these host folders reached `bytes`: the fact behind RLIMIT_FSIZE when the
 * program ignored SIGXFSZ (Python does) and only saw EFBIG. Links are not followed; the walk is bounded.
 */
export async function fileReached(dirs: string[], bytes: number, budget = 10_000): Promise<boolean> {
  const queue = [...dirs];
  let seen = 0;
  while (queue.length > 0 && seen < budget) {
    const dir = queue.shift() as string;
    const entries: Dirent[] = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const entry of entries.slice(0, budget - seen)) {
      seen += 1;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) queue.push(path);
      else if (entry.isFile() && ((await lstat(path).catch(() => null))?.size ?? 0) >= bytes) return true;
    }
  }
  return false;
}
