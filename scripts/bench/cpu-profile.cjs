// Preloaded into the api by `BENCH_PROFILE=1 npm run bench` (node -r). The bench writes a command into
// BENCH_PROFILE_DIR/command: `start <label>` starts the V8 CPU profiler, `stop <label>` stops it and writes
// <label>.cpuprofile then <label>.done. A file, not a signal: Nest's shutdown hooks take SIGUSR2 and the other
// usual ones, and the api dies by signal at the end (which loses --cpu-prof).
// With API_WORKERS > 1 the first api process is profiled (the supervisor serves nothing; the others do the same work).
const cluster = require('node:cluster');
const profiled = cluster.isWorker ? cluster.worker.id === 1 : Number(process.env.API_WORKERS ?? 1) <= 1;
const inspector = require('node:inspector');
const fs = require('node:fs');
const path = require('node:path');

const dir = process.env.BENCH_PROFILE_DIR;
const commandFile = path.join(dir, 'command');
const session = new inspector.Session();
session.connect();
let last = '';

function onCommand(command) {
  const [verb, label] = command.split(' ');
  if (verb === 'start') {
    session.post('Profiler.enable', () => session.post('Profiler.setSamplingInterval', { interval: 500 }, () => session.post('Profiler.start')));
  } else if (verb === 'stop') {
    session.post('Profiler.stop', (error, result) => {
      if (!error) fs.writeFileSync(path.join(dir, `${label}.cpuprofile`), JSON.stringify(result.profile));
      fs.writeFileSync(path.join(dir, `${label}.done`), error ? String(error) : 'ok');
    });
  }
}

if (profiled)
  setInterval(() => {
    let command;
    try {
      command = fs.readFileSync(commandFile, 'utf8').trim();
    } catch {
      return;
    }
    if (command && command !== last) {
      last = command;
      onCommand(command);
    }
  }, 50).unref();
