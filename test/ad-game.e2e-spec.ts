import { AdTickScheduler } from '@arena/ad';
import { INestApplicationContext } from '@nestjs/common';
import { ChildProcess } from 'child_process';
import { DataSource } from 'typeorm';
import { addService, adPath, AdPlayer, createAdGame } from './factories/ad.factory';
import { notesCheckerZip, runExploit, startNotes, stopNotes } from './factories/ad-game';
import { TestEvent } from './factories/event.factory';
import { createTestApp, TestApp } from './utils/test-app';
import { AD_TICKS_ENV, eventually, startTestWorker } from './utils/test-worker';

// Ticks of 6 s with a 2 s checker timeout: on a loaded 2-core machine a sandboxed checker run (bubblewrap, the relay,
// python) can take over a second, and a checker past its timeout is DOWN, as the rules say.
const TICK_MS = 6000;
const CHECKER_TIMEOUT_SECONDS = 2;

interface StatusRow {
  teamId: string;
  attack: number;
  defence: number;
  sla: number;
  total: number;
  services: Array<{ name: string; status: string | null }>;
}

// A game is a few ticks long: more than the default 30 s per test on a loaded machine.
jest.setTimeout(180_000);

describe('attack-defence game (ticks, checkers, scoring)', () => {
  let app: TestApp;
  const workers: INestApplicationContext[] = [];
  const services: ChildProcess[] = [];

  beforeAll(async () => {
    app = await createTestApp();
    workers.push(await startTestWorker(AD_TICKS_ENV), await startTestWorker(AD_TICKS_ENV));
  });

  afterAll(async () => {
    for (const service of services) await stopNotes(service);
    for (const worker of workers) await worker.close();
    await app.close();
  });

  const db = () => app.app.get(DataSource);

  /** Three teams on loopback hosts, the notes service, a game of `ticks` ticks starting now. */
  async function startGame(hosts: string[], ticks: number, lifetime: number): Promise<{ event: TestEvent; players: AdPlayer[] }> {
    for (const host of hosts) services.push(await startNotes(host));
    const { event, players } = await createAdGame(app, {
      teams: hosts.length,
      ad: { tickSeconds: TICK_MS / 1000, flagLifetimeTicks: lifetime },
      event: { startsAt: new Date(Date.now() + 3600_000).toISOString(), endsAt: new Date(Date.now() + 7200_000).toISOString() },
    });
    await addService(app, event, { checkerTimeoutSeconds: CHECKER_TIMEOUT_SECONDS, port: 8080 }, notesCheckerZip()).expect(201);
    const vulnboxes = players.map((player, index) => ({ teamId: player.team.id, host: hosts[index] }));
    await app.http().put(adPath(event, '/vulnboxes')).set('Authorization', event.organiser.auth).send({ vulnboxes }).expect(200);
    const start = Date.now() + 300;
    await app
      .http()
      .patch(`/api/v1/events/${event.slug}`)
      .set('Authorization', event.organiser.auth)
      .send({ startsAt: new Date(start).toISOString(), endsAt: new Date(start + ticks * TICK_MS - 100).toISOString() })
      .expect(200);
    return { event, players };
  }

  const states = (event: TestEvent): Promise<Array<{ tick: number; teamId: string; status: string }>> =>
    db().query('SELECT tick, team_id AS "teamId", status FROM ad_service_states WHERE event_id = $1 ORDER BY tick', [event.id]);

  /** Waits until the team's service has a state for `tick`; returns it. */
  const stateOf = (event: TestEvent, teamId: string, tick: number) =>
    eventually(async () => (await states(event)).find((state) => state.teamId === teamId && state.tick === tick)?.status, 4 * TICK_MS, 50);

  const status = async (event: TestEvent): Promise<StatusRow[]> =>
    (await app.http().get(adPath(event, '/status')).set('Authorization', event.organiser.auth).expect(200)).body.rows;

  it('should run a game with OK statuses, SLA by the formula, captures scored as FAUST, and survive its leader stopping', async () => {
    const { event, players } = await startGame(['127.0.0.2', '127.0.0.3', '127.0.0.4'], 3, 5);
    const [a, b, c] = players;
    for (const player of players) await stateOf(event, player.team.id, 1);

    // The leader stops mid-game: the other worker takes over, no tick twice, none missed.
    const leader = workers.findIndex((worker) => worker.get(AdTickScheduler).leading);
    expect(leader).toBeGreaterThanOrEqual(0);
    await workers[leader].close();
    workers.splice(leader, 1);

    const info = (await app.http().get(adPath(event, '/attack-info')).set('Authorization', a.captain.auth).expect(200)).body;
    const ids = (teamId: string) => info.teams.find((team: { teamId: string }) => team.teamId === teamId).services[0].flagIds.map((f: { flagId: string }) => f.flagId);
    expect(ids(b.team.id).length).toBeGreaterThanOrEqual(1);
    expect(ids(c.team.id).length).toBeGreaterThanOrEqual(1);
    // A steals from B and C; C steals from B too: B's flags are captured twice, C's once.
    const fromB = await runExploit('127.0.0.3', ids(b.team.id));
    const fromC = await runExploit('127.0.0.4', ids(c.team.id));
    expect(fromB.length).toBe(ids(b.team.id).length);
    const byA = (
      await app
        .http()
        .post(adPath(event, '/flags'))
        .set('Authorization', a.captain.auth)
        .send({ flags: [...fromB, ...fromC] })
        .expect(200)
    ).body;
    expect(byA.results.every((result: { status: string }) => result.status === 'OK')).toBe(true);
    const byC = (await app.http().post(adPath(event, '/flags')).set('Authorization', c.captain.auth).send({ flags: fromB }).expect(200)).body;
    expect(byC.results.every((result: { status: string }) => result.status === 'OK')).toBe(true);

    for (const player of players) await stateOf(event, player.team.id, 3);
    const ticks: Array<{ tick: number }> = await db().query('SELECT tick FROM ad_ticks WHERE event_id = $1 ORDER BY tick', [event.id]);
    expect(ticks.map((row) => row.tick)).toEqual([1, 2, 3]);
    const all = await states(event);
    expect(all).toHaveLength(9);
    expect(all.every((state) => state.status === 'OK')).toBe(true);

    const rows = await status(event);
    const row = (player: AdPlayer) => rows.find((entry) => entry.teamId === player.team.id) as StatusRow;
    const sla = 3 * Math.sqrt(3);
    const [nB, nC] = [fromB.length, fromC.length];
    const expected = {
      [a.team.id]: { attack: nB * 1.5 + nC * 2, defence: 0 },
      [b.team.id]: { attack: 0, defence: -nB * Math.pow(2, 0.75) },
      [c.team.id]: { attack: nB * 1.5, defence: -nC * 1 },
    };
    for (const player of players) {
      expect(row(player).sla).toBeCloseTo(sla, 9);
      expect(row(player).attack).toBeCloseTo(expected[player.team.id].attack, 9);
      expect(row(player).defence).toBeCloseTo(expected[player.team.id].defence, 9);
      expect(row(player).total).toBeCloseTo(sla + expected[player.team.id].attack + expected[player.team.id].defence, 9);
      expect(row(player).services).toEqual([expect.objectContaining({ name: 'notes', status: 'OK' })]);
    }
    expect(rows[0].teamId).toBe(a.team.id);
  });

  it('should show DOWN while a service is stopped, RECOVERING after its restart lost older flags, then OK', async () => {
    const hosts = ['127.0.0.5', '127.0.0.6', '127.0.0.7'];
    const { event, players } = await startGame(hosts, 4, 3);
    const victim = players[2];
    await stateOf(event, victim.team.id, 1);
    const index = services.findIndex((child) => child.spawnargs.includes(hosts[2]));
    await stopNotes(services[index]);
    expect(await stateOf(event, victim.team.id, 2)).toBe('DOWN');
    services[index] = await startNotes(hosts[2]);
    // Tick 3 fetches the flags of ticks 1 and 2: tick 1's died with the old instance.
    expect(await stateOf(event, victim.team.id, 3)).toBe('RECOVERING');
    // Tick 4 fetches ticks 2 (never planted: the service was down) and 3 (planted after the restart).
    expect(await stateOf(event, victim.team.id, 4)).toBe('OK');
    for (const player of players) await stateOf(event, player.team.id, 4);
    const row = (await status(event)).find((entry) => entry.teamId === victim.team.id) as StatusRow;
    // OK, DOWN, RECOVERING, OK.
    expect(row.sla).toBeCloseTo((2 + 0.5) * Math.sqrt(3), 9);
    const other = (await status(event)).find((entry) => entry.teamId === players[0].team.id) as StatusRow;
    expect(other.sla).toBeCloseTo(4 * Math.sqrt(3), 9);
  });
});
