// A worker stand-in for sandbox-orphans.e2e-spec: starts one long sandboxed run whose command line carries the marker
// given as argv[2], and waits to be killed (a run that cannot start ends it with an error on stderr). With `--sweep`
// instead, another worker of the host: it sweeps the leftovers of dead workers' runs once, prints what it removed
// (JSON), and exits.
import 'reflect-metadata';
import { loadConfig } from '@arena/config';
import { DEFAULT_LIMITS, SandboxRunner } from '@arena/sandbox';

const marker = process.argv[2];
const runner = new SandboxRunner(loadConfig());
if (marker === '--sweep') void runner.sweepLeftovers().then((swept) => process.stdout.write(`${JSON.stringify(swept)}\n`));
else start();

function start(): void {
  runner.run({ command: ['/bin/sh', '-c', `sleep 300; : ${marker}`], cwd: '/', mounts: [], limits: { ...DEFAULT_LIMITS, wallSeconds: 300, cpuSeconds: 10 } }).then(
    (result) => {
      process.stderr.write(`the run ended before the kill: ${JSON.stringify(result)}\n`);
      process.exit(1);
    },
    (error: unknown) => {
      process.stderr.write(`the run did not start: ${String(error)}\n`);
      process.exit(1);
    },
  );
  setInterval(() => undefined, 60_000);
}
