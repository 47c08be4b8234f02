// Summarises a V8 .cpuprofile: self time by package (node_modules/<name>, dist/libs/<lib>, node internals,
// GC, native code without a JS frame) and the top functions by self time.
import { readFileSync } from 'node:fs';

function packageOf(frame) {
  const { url, functionName } = frame;
  if (!url) {
    if (functionName === '(garbage collector)') return 'GC';
    if (functionName === '(idle)') return 'idle';
    if (functionName === '(program)') return 'native (no JS frame)';
    return `native ${functionName}`;
  }
  const module = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (module) return module[1];
  const lib = /dist\/(apps|libs)\/([^/]+)/.exec(url);
  if (lib) return `arena ${lib[1]}/${lib[2]}`;
  if (url.startsWith('node:')) return 'node internals';
  return url;
}

export function summarizeProfile(file, { top = 15 } = {}) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfMs = new Map();
  profile.samples.forEach((id, index) => selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0) / 1000));
  const byPackage = new Map();
  const byFunction = new Map();
  let total = 0;
  for (const [id, time] of selfMs) {
    const { callFrame } = nodes.get(id);
    if (callFrame.functionName === '(idle)') continue;
    total += time;
    const pkg = packageOf(callFrame);
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + time);
    const where = callFrame.url ? `${callFrame.url.replace(/^.*\/(node_modules|dist)\//, '$1/')}:${callFrame.lineNumber + 1}` : '';
    const key = `${callFrame.functionName || '(anonymous)'} ${where}`.trim();
    byFunction.set(key, (byFunction.get(key) ?? 0) + time);
  }
  const share = (time) => `${((time / total) * 100).toFixed(1).padStart(5)}%`;
  const sorted = (map) => [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, top);
  return [
    `    busy ${(total / 1000).toFixed(1)} s sampled; self time by package:`,
    ...sorted(byPackage).map(([name, time]) => `      ${share(time)}  ${name}`),
    '    top functions by self time:',
    ...sorted(byFunction).map(([name, time]) => `      ${share(time)}  ${name}`),
  ];
}
