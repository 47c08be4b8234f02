import { DataSource } from 'typeorm';
import { addService, adPath, createAdGame, plantFlag } from './factories/ad.factory';
import { TestEvent } from './factories/event.factory';
import { TestUser } from './factories/user.factory';
import { AdTcpServer } from '@arena/ad';
import { createTestApp, TestApp } from './utils/test-app';
import { freePort, LineClient } from './utils/line-client';

describe('attack-defence flag submission (HTTP)', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp();
  });

  afterAll(async () => {
    await app.close();
  });

  const submit = (event: TestEvent, user: TestUser, flags: string[]) => app.http().post(adPath(event, '/flags')).set('Authorization', user.auth).send({ flags });

  // Started 30 s ago with 3 s ticks: the current tick is 11, flags of ticks 7..11 are alive (lifetime 5).
  async function game(teams = 3, members = 1) {
    const { event, players } = await createAdGame(app, { teams, members, ad: { tickSeconds: 3 }, event: { startsAt: new Date(Date.now() - 30_000).toISOString() } });
    const service = (await addService(app, event, { checkerTimeoutSeconds: 1 }).expect(201)).body as { id: string };
    return { event, players, service };
  }

  it('should answer OK, DUP, OWN, OLD and INV per flag as the rules say', async () => {
    const { event, players, service } = await game();
    const [a, b] = players;
    const fresh = await plantFlag(app, event, b.team.id, service.id, 10);
    const own = await plantFlag(app, event, a.team.id, service.id, 10);
    const old = await plantFlag(app, event, b.team.id, service.id, 2);
    const forged = fresh.slice(0, -3) + (fresh.at(-3) === 'A' ? 'B' : 'A') + fresh.slice(-2);
    const response = await submit(event, a.captain, [fresh, fresh, own, old, forged, 'ACS{nope}', 'garbage']).expect(200);
    expect(response.body.results.map((result: { status: string }) => result.status)).toEqual(['OK', 'DUP', 'OWN', 'OLD', 'INV', 'INV', 'INV']);
    expect(response.body.results[0].flag).toBe(fresh);
    const again = await submit(event, a.members[0], [fresh]).expect(200);
    expect(again.body.results).toEqual([{ flag: fresh, status: 'DUP' }]);
    // Another team captures the same flag: its own first capture.
    const third = await submit(event, players[2].captain, [fresh]).expect(200);
    expect(third.body.results[0].status).toBe('OK');
  });

  it('should answer INV for a flag of another event, signed by the same platform', async () => {
    const { event, players, service } = await game(2, 0);
    const other = await game(2, 0);
    const foreign = await plantFlag(app, other.event, other.players[1].team.id, other.service.id, 10);
    const response = await submit(event, players[0].captain, [foreign]).expect(200);
    expect(response.body.results[0].status).toBe('INV');
    void service;
  });

  it('should count one capture when teammates send the same flag at the same time', async () => {
    const { event, players, service } = await game(2, 3);
    const [attacker, victim] = players;
    const flag = await plantFlag(app, event, victim.team.id, service.id, 11);
    const senders = [attacker.captain, ...attacker.members, attacker.captain, ...attacker.members];
    const answers = await Promise.all(senders.map((user) => submit(event, user, [flag])));
    const statuses = answers.map((answer) => (answer.body.results as Array<{ status: string }>)[0].status).sort();
    expect(statuses).toEqual(['DUP', 'DUP', 'DUP', 'DUP', 'DUP', 'DUP', 'DUP', 'OK']);
    const rows = await app.app.get(DataSource).query('SELECT count(*)::int AS n FROM ad_captures WHERE flag = $1', [flag]);
    expect(rows[0].n).toBe(1);
  });

  it('should refuse outsiders, banned teams, more than 100 flags, and submissions outside the game', async () => {
    const { event, players, service } = await game(2, 0);
    const flag = await plantFlag(app, event, players[1].team.id, service.id, 11);
    expect((await submit(event, event.organiser, [flag])).status).toBe(403);
    expect(
      (
        await submit(
          event,
          players[0].captain,
          Array.from({ length: 101 }, () => flag),
        )
      ).status,
    ).toBe(400);
    expect((await submit(event, players[0].captain, 'x' as unknown as string[])).status).toBe(400);
    await app.http().patch(`/api/v1/events/${event.slug}/teams/${players[0].team.id}`).set('Authorization', event.organiser.auth).send({ banned: true }).expect(200);
    expect((await submit(event, players[0].captain, [flag])).status).toBe(403);
    const future = await createAdGame(app, { teams: 1, event: { startsAt: new Date(Date.now() + 3600_000).toISOString(), endsAt: new Date(Date.now() + 7200_000).toISOString() } });
    expect((await submit(future.event, future.players[0].captain, [flag])).status).toBe(403);
  });

  it('should give each team its own token, and organisers every token', async () => {
    const { event, players } = await game(2, 0);
    const mine = await app.http().get(adPath(event, '/tokens')).set('Authorization', players[0].captain.auth).expect(200);
    // This app has no TCP submission (AD_TCP_PORT 0): no port is given.
    expect(mine.body).toEqual([{ teamId: players[0].team.id, teamName: players[0].team.name, token: expect.stringMatching(/^adt_/), tcpPort: null }]);
    const all = await app.http().get(adPath(event, '/tokens')).set('Authorization', event.organiser.auth).expect(200);
    expect(all.body).toHaveLength(2);
    expect(all.body.map((row: { token: string }) => row.token)).toContain(mine.body[0].token);
  });

  describe('with a limit of 5 flags per second per team', () => {
    let limited: TestApp;

    beforeAll(async () => {
      limited = await createTestApp({ AD_FLAGS_PER_SECOND: '5' });
    });

    afterAll(async () => {
      await limited.close();
    });

    it('should answer 429 with Retry-After when a team sends more flags than that at once', async () => {
      const { event, players, service } = await game(2, 0);
      const flag = await plantFlag(app, event, players[1].team.id, service.id, 11);
      const response = await limited
        .http()
        .post(adPath(event, '/flags'))
        .set('Authorization', players[0].captain.auth)
        .send({ flags: Array.from({ length: 6 }, () => flag) });
      expect(response.status).toBe(429);
      expect(response.headers['retry-after']).toBeDefined();
    });
  });

  describe('over TCP', () => {
    let tcp: TestApp;
    let port: number;

    beforeAll(async () => {
      tcp = await createTestApp({ AD_TCP_PORT: String(await freePort()), HOST: '127.0.0.1' });
      port = tcp.app.get(AdTcpServer).port as number;
    });

    afterAll(async () => {
      await tcp.close();
    });

    const token = async (event: TestEvent, user: TestUser) => (await app.http().get(adPath(event, '/tokens')).set('Authorization', user.auth).expect(200)).body[0].token as string;

    async function login(event: TestEvent, user: TestUser): Promise<LineClient> {
      const client = await LineClient.open(port);
      expect(await client.next()).toMatch(/team token/);
      client.send(`${await token(event, user)}\n`);
      expect(await client.next()).toMatch(/^Team /);
      return client;
    }

    it('should tell teams the port with their token', async () => {
      const { event, players } = await game(1, 0);
      const mine = await tcp.http().get(adPath(event, '/tokens')).set('Authorization', players[0].captain.auth).expect(200);
      expect(mine.body).toEqual([expect.objectContaining({ teamId: players[0].team.id, tcpPort: port })]);
    });

    it('should answer each flag line as HTTP does: OK, DUP, OWN, OLD and INV', async () => {
      const { event, players, service } = await game(2, 0);
      const [a, b] = players;
      const fresh = await plantFlag(app, event, b.team.id, service.id, 10);
      const own = await plantFlag(app, event, a.team.id, service.id, 10);
      const old = await plantFlag(app, event, b.team.id, service.id, 1);
      const client = await login(event, a.captain);
      client.send(`${fresh}\r\n${fresh}\n${own}\n\n${old}\nACS{forged}\n`);
      const answers = [await client.next(), await client.next(), await client.next(), await client.next(), await client.next()];
      expect(answers).toEqual([`${fresh} OK`, `${fresh} DUP`, `${own} OWN`, `${old} OLD`, 'ACS{forged} INV']);
      // The same capture over HTTP afterwards is a duplicate: one ledger for both.
      expect((await submit(event, a.captain, [fresh]).expect(200)).body.results[0].status).toBe('DUP');
      client.close();
    });

    it('should answer every line of a client that sends all at once and half-closes (nc -N, printf | nc), then hang up', async () => {
      const { event, players, service } = await game(2, 0);
      const [a, b] = players;
      const first = await plantFlag(app, event, b.team.id, service.id, 10);
      const second = await plantFlag(app, event, b.team.id, service.id, 10, 2);
      const client = await LineClient.open(port);
      // Token, flags and the end of input in one go, the last line without its newline.
      client.socket.end(`${await token(event, a.captain)}\n${first}\nACS{forged}\n${second}`);
      const lines: string[] = [];
      for (let line = await client.next(); line !== null; line = await client.next()) lines.push(line);
      expect(lines.slice(1)).toEqual([`Team ${a.team.name}: send flags, one per line.`, `${first} OK`, 'ACS{forged} INV', `${second} OK`]);
      await client.closed;
    });

    it('should refuse a bad token and a line that is too long, and close the connection', async () => {
      const { event, players } = await game(2, 0);
      const forged = await LineClient.open(port);
      await forged.next();
      forged.send(`${(await token(event, players[0].captain)).slice(0, -2)}xx\n`);
      expect(await forged.next()).toBe('invalid token');
      await forged.closed;
      const long = await login(event, players[0].captain);
      long.send('A'.repeat(10_000));
      expect(await long.next()).toBe('line too long');
      await long.closed;
    });

    it('should keep answering others while a client floods flags and never reads its answers', async () => {
      const { event, players, service } = await game(2, 0);
      const [a, b] = players;
      const flood = await login(event, a.captain);
      flood.socket.pause();
      const junk = 'ACS{' + 'x'.repeat(100) + '}\n';
      // Several MB of flags the server must not buffer: it stops reading this client until it reads.
      for (let i = 0; i < 200; i++) flood.send(junk.repeat(200));
      const flag = await plantFlag(app, event, a.team.id, service.id, 11);
      const other = await login(event, b.captain);
      other.send(`${flag}\n`);
      expect(await other.next()).toBe(`${flag} OK`);
      other.close();
      flood.close();
    });
  });
});
