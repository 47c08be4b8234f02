import { INestApplicationContext } from '@nestjs/common';
import { ChildProcess } from 'child_process';
import { join } from 'path';
import { DataSource } from 'typeorm';
import { addService, adPath, checkerZip, createAdGame } from './factories/ad.factory';
import { startNotes, stopNotes } from './factories/ad-game';
import { createTestApp, TestApp } from './utils/test-app';
import { AD_TICKS_ENV, eventually, startTestWorker } from './utils/test-worker';

jest.setTimeout(180_000);

const TICK_SECONDS = 6;
const VULNBOX = '127.0.1.2';

/** host:port of a URL such as postgres://u:p@127.0.0.1:5432/db. */
const endpoint = (url: string) => {
  const parsed = new URL(url);
  return [parsed.hostname, Number(parsed.port)] as const;
};

// Hostile checkers, each answering the ForcAD contract for every action.
const HANG = 'import time\ntime.sleep(600)\n';
// It keeps forking when the process limit refuses it, so it overruns its timeout whatever the machine's speed (a bare
// os.fork() loop dies of the refusal, which makes it a crash).
const FORK_BOMB = 'import os\nwhile True:\n    try:\n        os.fork()\n    except OSError:\n        pass\n';
const CRASH = 'import sys\nprint("secret organiser detail", file=sys.stderr)\nraise RuntimeError("checker bug")\n';
const snoop = (targets: Array<readonly [string, number]>, paths: string[], secrets: string[]) => `import os, socket, sys
found = []
def reach(host, port):
    try:
        socket.create_connection((host, port), timeout=1).close()
        return True
    except OSError:
        return False
for host, port in ${JSON.stringify(targets)}:
    if reach(host, port):
        found.append("reached %s:%d" % (host, port))
# The platform's secrets, wherever this checker can look: its environment and every process's it can read.
texts = [chr(10).join("%s=%s" % item for item in os.environ.items())]
for pid in os.listdir("/proc"):
    if pid.isdigit():
        try:
            texts.append(open("/proc/%s/environ" % pid).read())
        except OSError:
            pass
for secret in ${JSON.stringify(secrets)}:
    if any(secret in text for text in texts):
        found.append("found a platform secret")
for path in ${JSON.stringify(paths)}:
    try:
        open(path).read(1)
        found.append("read " + path)
    except OSError:
        pass
open("/tmp/scratch", "w").write("a checker may write its scratch folder")
if not reach(sys.argv[2], 8080):
    print("vulnbox unreachable")
    sys.exit(103)
if found:
    print("; ".join(found))
    sys.exit(104)
sys.exit(101)
`;

describe('attack-defence checkers in the sandbox (hostile ones too)', () => {
  let app: TestApp;
  let worker: INestApplicationContext;
  let notes: ChildProcess;

  beforeAll(async () => {
    app = await createTestApp();
    worker = await startTestWorker(AD_TICKS_ENV);
    notes = await startNotes(VULNBOX);
  });

  afterAll(async () => {
    await stopNotes(notes);
    await worker.close();
    await app.close();
  });

  it('should count hanging and fork-bombing checkers DOWN (they overran), a crash CHECK_FAILED, and keep a snooping one from the platform', async () => {
    const { event, players } = await createAdGame(app, {
      teams: 1,
      ad: { tickSeconds: TICK_SECONDS },
      event: { startsAt: new Date(Date.now() + 3600_000).toISOString(), endsAt: new Date(Date.now() + 7200_000).toISOString() },
    });
    const targets = [endpoint(process.env.DATABASE_URL as string), endpoint(process.env.REDIS_URL as string)];
    const paths = [join(process.cwd(), 'package.json'), '/etc/passwd'];
    const secrets = [process.env.JWT_SECRET as string, process.env.DATABASE_URL as string];
    const add = (name: string, source: string) => addService(app, event, { name, port: 8080, checkerTimeoutSeconds: 2 }, checkerZip({ 'checker.py': source })).expect(201);
    const ids = {
      hang: (await add('hang', HANG)).body.id,
      forkbomb: (await add('forkbomb', FORK_BOMB)).body.id,
      crash: (await add('crash', CRASH)).body.id,
      snoop: (await add('snoop', snoop(targets, paths, secrets))).body.id,
    };
    await app
      .http()
      .put(adPath(event, '/vulnboxes'))
      .set('Authorization', event.organiser.auth)
      .send({ vulnboxes: [{ teamId: players[0].team.id, host: VULNBOX }] })
      .expect(200);
    const start = Date.now() + 300;
    await app
      .http()
      .patch(`/api/v1/events/${event.slug}`)
      .set('Authorization', event.organiser.auth)
      .send({ startsAt: new Date(start).toISOString(), endsAt: new Date(start + TICK_SECONDS * 1000 - 100).toISOString() })
      .expect(200);

    const states = await eventually(async () => {
      const rows: Array<{ serviceId: string; status: string; message: string }> = await app.app
        .get(DataSource)
        .query('SELECT service_id AS "serviceId", status, message FROM ad_service_states WHERE event_id = $1', [event.id]);
      return rows.length === 4 ? rows : undefined;
    }, 60_000);
    const of = (id: string) => states.find((state) => state.serviceId === id);
    expect(of(ids.hang)?.status).toBe('DOWN');
    // Contained by the process limit; it overran its timeout like a hang, which the rules count DOWN.
    expect(of(ids.forkbomb)?.status).toBe('DOWN');
    expect(of(ids.crash)?.status).toBe('CHECK_FAILED');
    // OK: it reached the vulnbox and nothing else, and found no secret.
    expect(of(ids.snoop)).toEqual(expect.objectContaining({ status: 'OK' }));

    // Organisers see why a checker failed; the board shows no checker output.
    const checks = (await app.http().get(adPath(event, '/checks')).set('Authorization', event.organiser.auth).expect(200)).body;
    const hang = checks.find((check: { service: string }) => check.service === 'hang');
    expect(hang.output).toMatch(/wall-clock limit of 2 s/);
    const crash = checks.find((check: { service: string }) => check.service === 'crash');
    expect(crash.output).toMatch(/secret organiser detail[\s\S]*checker bug/);
    const board = (await app.http().get(adPath(event, '/status')).expect(200)).body;
    const crashed = board.rows[0].services.find((service: { name: string }) => service.name === 'crash');
    expect(crashed.message).toBe('checker failed: the organisers see why');
    expect(JSON.stringify(board)).not.toContain('secret organiser detail');
    // CHECK_FAILED never costs the team: its SLA counts the tick as OK (√1 active team), DOWN counts nothing.
    expect(crashed.sla).toBeCloseTo(1, 9);
    expect(board.rows[0].services.find((service: { name: string }) => service.name === 'hang').sla).toBe(0);
    await app.http().get(adPath(event, '/checks')).set('Authorization', players[0].captain.auth).expect(403);
  });
});
