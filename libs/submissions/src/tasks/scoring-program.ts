import { ZipArchive } from '../archives/zip-reader';
import { metadataCommand, METADATA_FILES } from '../checks/codalab-layout';

const MAX_METADATA_BYTES = 64 * 1024;

/** The folder of an archive's files that holds a scoring program's metadata: '' (the root), `folder/`, or null. */
export function metadataFolder(paths: string[]): string | null {
  if (paths.some((path) => METADATA_FILES.includes(path))) return '';
  const tops = new Set(paths.filter((path) => !path.startsWith('__MACOSX/')).map((path) => path.split('/')[0]));
  if (tops.size !== 1) return null;
  const [top] = tops;
  return paths.some((path) => METADATA_FILES.includes(path.slice(top.length + 1)) && path.startsWith(`${top}/`)) ? `${top}/` : null;
}

/** The metadata command of a zipped scoring program; null when it has no metadata file. */
export async function zippedProgramCommand(archive: ZipArchive, prefix = ''): Promise<{ command: string } | { problem: string } | null> {
  const paths = archive.files
    .map((file) => file.path)
    .filter((path) => path.startsWith(prefix))
    .map((path) => path.slice(prefix.length));
  const folder = metadataFolder(paths);
  if (folder === null) return null;
  for (const name of METADATA_FILES) {
    const path = `${prefix}${folder}${name}`;
    if (archive.has(path)) return metadataCommand((await archive.read(path, MAX_METADATA_BYTES)).toString('utf8'), name);
  }
  return null;
}
