// The sandbox line of `npm start`'s banner: what the worker found of bubblewrap and of the Python runtimes
// (it probes them inside the sandbox at boot and reports them in /health's `sandbox` detail), and, when something
// is missing, which contest kinds will not work and how to fix it. Standalone: `node scripts/sandbox-check.mjs
// [http://127.0.0.1:3000]` prints the same line and exits 1 when the sandbox is not ready.
import { pathToFileURL } from 'node:url';

const WAIT_MS = 20_000;
const AFFECTED = 'AI custom scorers, AI code submissions and hackathon automated checks will fail';
const SCIENTIFIC_PACKAGES = 'python3-numpy python3-scipy python3-pandas python3-sklearn';

/** /health's `sandbox` detail once a worker has reported it (null after 20 s without). */
export async function sandboxDetail(baseUrl) {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    try {
      const response = await fetch(`${baseUrl}/health`);
      const detail = (await response.json())?.details?.sandbox;
      if (detail && (detail.workers?.length ?? 0) > 0) return detail;
    } catch {
      // Not answering yet.
    }
    if (Date.now() > deadline) return null;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** One line: `  sandbox    ready (…); python-scientific: numpy 1.24.2, …` or a warning naming the fix. */
export async function sandboxBannerLine(baseUrl) {
  const detail = await sandboxDetail(baseUrl);
  if (!detail) return `  WARNING    no worker reported its sandbox within ${WAIT_MS / 1000} s: see the worker's log ("sandbox …"); ${AFFECTED} until it does\n`;
  if (!detail.ready) {
    const fix = /bwrap|bubblewrap/.test(detail.reason ?? '')
      ? 'fix: apt-get install -y bubblewrap, and allow unprivileged user namespaces (sysctl kernel.unprivileged_userns_clone=1; Ubuntu 24.04: kernel.apparmor_restrict_unprivileged_userns=0)'
      : 'see the worker\'s log and "The sandbox\'s needs" in the README';
    return `  WARNING    ${detail.reason}: ${AFFECTED}; ${fix}\n`;
  }
  const scientific = detail.runtimes?.['python-scientific'];
  if (!scientific?.ready) {
    return `  WARNING    the python-scientific runtime lacks ${(scientific?.missing ?? ['its packages']).join(', ')}: scorers and code importing them will fail; fix: apt-get install -y ${SCIENTIFIC_PACKAGES}\n`;
  }
  const versions = Object.entries(scientific.versions)
    .map(([name, version]) => `${name} ${version}`)
    .join(', ');
  return `  sandbox    ready (${detail.isolation}); python-scientific: ${versions}\n`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const line = await sandboxBannerLine(process.argv[2] ?? 'http://127.0.0.1:3000');
  console.log(line.trimEnd());
  process.exit(line.includes('WARNING') ? 1 : 0);
}
