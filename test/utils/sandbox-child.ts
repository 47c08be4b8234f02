// A worker stand-in for sandbox-orphans.e2e-spec: starts one long sandboxed run whose command line carries the marker
// given as argv[2], says so on stdout, and waits to be killed.
import 'reflect-metadata';
import { loadConfig } from '@arena/config';
import { DEFAULT_LIMITS, SandboxRunner } from '@arena/sandbox';

const marker = process.argv[2];
const runner = new SandboxRunner(loadConfig());
void runner.run({
  command: ['/bin/sh', '-c', `sleep 300; : ${marker}`],
  cwd: '/',
  mounts: [],
  limits: { ...DEFAULT_LIMITS, wallSeconds: 300, cpuSeconds: 10 },
});
process.stdout.write('started\n');
setInterval(() => undefined, 60_000);
