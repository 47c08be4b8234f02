import { DataSource } from 'typeorm';
import { attempt, createChallenge, CtfTeam, ctfTeam, runningCtf } from './factories/ctf.factory';
import { TestEvent } from './factories/event.factory';
import { createTestApp, TestApp } from './utils/test-app';

interface LogRow {
  id: string;
  teamId: string;
  teamName: string;
  challengeName: string;
  userName: string | null;
  submission: string;
  verdict: string;
  sharedWith: number;
  createdAt: string;
}

// The organisers' attempts log: filters (team, challenge, verdict, time), names, and the flag-sharing signal (other
// teams' identical submissions within a window), from real submissions; participants are refused it.
describe('ctf attempts log', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp();
  });

  afterAll(async () => {
    await app.close();
  });

  const log = (event: TestEvent, query = '', auth = event.organiser.auth) => app.http().get(`/api/v1/events/${event.slug}/attempts${query}`).set('Authorization', auth);
  const rows = async (event: TestEvent, query = ''): Promise<LogRow[]> => (await log(event, query).expect(200)).body;
  const key = (row: LogRow) => `${row.teamName} ${row.verdict} ${row.submission} ${row.sharedWith}`;

  /** Teams A and B send the same wrong flag then both solve; C guesses alone; D solves another challenge. */
  async function sharedEvent() {
    const event = await runningCtf(app);
    const leaked = await createChallenge(app, event);
    const other = await createChallenge(app, event);
    const [a, b, c, d]: CtfTeam[] = await Promise.all([ctfTeam(app, event), ctfTeam(app, event), ctfTeam(app, event), ctfTeam(app, event)]);
    await attempt(app, event, a.captain, leaked.id, 'ACS{almost}').expect(200);
    await attempt(app, event, b.captain, leaked.id, ' ACS{almost} ').expect(200);
    await attempt(app, event, c.captain, leaked.id, 'ACS{my-own-guess}').expect(200);
    await attempt(app, event, a.captain, leaked.id, leaked.flag).expect(200);
    await attempt(app, event, b.captain, leaked.id, leaked.flag).expect(200);
    await attempt(app, event, d.captain, other.id, other.flag).expect(200);
    return { event, leaked, other, a, b, c, d };
  }

  it('should flag the same wrong flag and the same right flag sent by different teams within the window', async () => {
    const { event, leaked, a, b, c } = await sharedEvent();
    const all = await rows(event);
    expect(all).toHaveLength(6);
    const onLeaked = all.filter((row) => row.challengeName === leaked.name).map(key);
    expect(onLeaked.sort()).toEqual(
      [
        `${a.team.name} incorrect ACS{almost} 1`,
        `${b.team.name} incorrect ACS{almost} 1`,
        `${c.team.name} incorrect ACS{my-own-guess} 0`,
        `${a.team.name} correct ${leaked.flag} 1`,
        `${b.team.name} correct ${leaked.flag} 1`,
      ].sort(),
    );
    // A lone solve of another challenge is not flagged; names come with the rows.
    expect(all.find((row) => row.challengeName !== leaked.name)).toMatchObject({ verdict: 'correct', sharedWith: 0 });
    expect(all.every((row) => row.userName !== null)).toBe(true);

    const shared = await log(event, '?shared=true&limit=2').expect(200);
    expect(shared.headers['x-total-count']).toBe('4');
    expect(shared.body).toHaveLength(2);
    expect((await rows(event, '?shared=true&verdict=incorrect')).map(key).sort()).toEqual(
      [`${a.team.name} incorrect ACS{almost} 1`, `${b.team.name} incorrect ACS{almost} 1`].sort(),
    );
  });

  it('should not flag identical submissions further apart than the window, which is a query parameter', async () => {
    const { event, leaked, a, b } = await sharedEvent();
    // Team B's attempts moved ten minutes back: outside the default five-minute window, inside a fifteen-minute one.
    await app.app
      .get(DataSource)
      .query(`UPDATE attempts SET created_at = created_at - interval '10 minutes' WHERE event_id = (SELECT id FROM events WHERE slug = $1) AND team_id = $2`, [
        event.slug,
        b.team.id,
      ]);
    const byDefault = await rows(event, `?challengeId=${leaked.id}&teamId=${a.team.id}`);
    expect(byDefault.map((row) => row.sharedWith)).toEqual([0, 0]);
    expect((await log(event, '?shared=true').expect(200)).headers['x-total-count']).toBe('0');
    const wide = await rows(event, `?challengeId=${leaked.id}&teamId=${a.team.id}&windowSeconds=900`);
    expect(wide.map((row) => row.sharedWith)).toEqual([1, 1]);
    expect((await log(event, '?shared=true&windowSeconds=900').expect(200)).headers['x-total-count']).toBe('4');
  });

  it('should narrow the log by team, challenge, verdict and time range', async () => {
    const { event, leaked, other, a, b, d } = await sharedEvent();
    expect((await rows(event, `?teamId=${a.team.id}`)).map((row) => row.teamId)).toEqual([a.team.id, a.team.id]);
    expect((await rows(event, `?challengeId=${other.id}`)).map((row) => row.teamId)).toEqual([d.team.id]);
    expect((await rows(event, `?challengeId=${leaked.id}&verdict=correct`)).map((row) => row.teamId).sort()).toEqual([a.team.id, b.team.id].sort());
    const all = await rows(event);
    // Newest first: the time range keeps what lies between two rows' times (since inclusive, until exclusive).
    const [newest, , third] = all;
    const between = await rows(event, `?since=${encodeURIComponent(third.createdAt)}&until=${encodeURIComponent(newest.createdAt)}`);
    expect(between.map((row) => row.id)).toEqual(all.slice(1, 3).map((row) => row.id));
    expect(await rows(event, `?since=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`)).toEqual([]);
  });

  it('should name the field when a filter is malformed', async () => {
    const event = await runningCtf(app);
    for (const [query, field] of [
      ['?since=yesterday', 'since'],
      ['?until=2026-01-01T00:00:00', 'until'],
      ['?windowSeconds=0', 'windowSeconds'],
      ['?windowSeconds=abc', 'windowSeconds'],
      ['?shared=maybe', 'shared'],
      ['?verdict=guess', 'verdict'],
      ['?teamId=nope', 'teamId'],
    ]) {
      const response = await log(event, query).expect(400);
      expect(JSON.stringify(response.body.message)).toContain(field);
    }
  });

  it('should refuse the log to a participant (the attack: reading other teams’ flags) and to anonymous callers', async () => {
    const { event, a } = await sharedEvent();
    const refused = await log(event, '', a.captain.auth).expect(403);
    expect(JSON.stringify(refused.body)).not.toContain('ACS{');
    await log(event, `?teamId=${a.team.id}`, a.captain.auth).expect(403);
    const anonymous = await app.http().get(`/api/v1/events/${event.slug}/attempts`).expect(401);
    expect(JSON.stringify(anonymous.body)).not.toContain('ACS{');
    // Another event's organiser is refused too.
    const stranger = await runningCtf(app);
    await log(event, '', stranger.organiser.auth).expect(403);
  });

  // The attack: a team given a case-insensitive flag sends it in another case, so the text differs from the giver's.
  it('should flag a case-insensitive flag sent by another team in another case, and never texts differing in case where case counts', async () => {
    const event = await runningCtf(app);
    const loose = await createChallenge(app, event, { flags: [{ type: 'static', content: 'ACS{Loose-Flag}', caseInsensitive: true }] });
    const strict = await createChallenge(app, event);
    const [giver, taker, guesser] = await Promise.all([ctfTeam(app, event), ctfTeam(app, event), ctfTeam(app, event)]);
    await attempt(app, event, giver.captain, loose.id, 'ACS{Loose-Flag}').expect(200);
    expect((await attempt(app, event, taker.captain, loose.id, 'acs{loose-flag}').expect(200)).body.status).toBe('correct');
    await attempt(app, event, giver.captain, strict.id, 'ACS{Almost}').expect(200);
    await attempt(app, event, guesser.captain, strict.id, 'acs{almost}').expect(200);

    const onLoose = await rows(event, `?challengeId=${loose.id}`);
    expect(onLoose.map(key).sort()).toEqual([`${giver.team.name} correct ACS{Loose-Flag} 1`, `${taker.team.name} correct acs{loose-flag} 1`].sort());
    expect((await rows(event, `?challengeId=${strict.id}`)).map((row) => row.sharedWith)).toEqual([0, 0]);
    const shared = await log(event, '?shared=true').expect(200);
    expect(shared.headers['x-total-count']).toBe('2');
    expect(shared.body.map((row: LogRow) => row.challengeName)).toEqual([loose.name, loose.name]);
  });

  // The sharing index holds the text's digest: the longest submission, in three-byte characters, is still stored.
  it('should take and log the longest submission of multibyte characters', async () => {
    const event = await runningCtf(app);
    const challenge = await createChallenge(app, event);
    const [a, b] = await Promise.all([ctfTeam(app, event), ctfTeam(app, event)]);
    const long = '한'.repeat(1000);
    await attempt(app, event, a.captain, challenge.id, long).expect(200);
    await attempt(app, event, b.captain, challenge.id, long).expect(200);
    expect((await rows(event)).map((row) => [row.submission.length, row.sharedWith])).toEqual([
      [1000, 1],
      [1000, 1],
    ]);
  });
});
