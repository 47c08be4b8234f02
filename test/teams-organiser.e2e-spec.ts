import { randomUUID } from 'crypto';
import { attempt, createChallenge, runningCtf } from './factories/ctf.factory';
import { createEvent, TestEvent } from './factories/event.factory';
import { createTeam, registeredUser, teamsPath } from './factories/team.factory';
import { TestUser } from './factories/user.factory';
import { createTestApp, TestApp } from './utils/test-app';

interface ModeratedTeam {
  id: string;
  name: string;
  division: string | null;
  hidden: boolean;
  banned: boolean;
  members: Array<{ userId: string; role: string }>;
}

// The organisers' side of teams: every team with its flags (hidden and banned ones too), and moving a team to another
// division, checked against the event's divisions; participants are refused both.
describe('teams for organisers', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp();
  });

  afterAll(async () => {
    await app.close();
  });

  const messageOf = (body: { message: string | string[] }) => (Array.isArray(body.message) ? body.message.join(' ') : body.message);
  const all = (event: TestEvent, query = '', auth = event.organiser.auth) =>
    app
      .http()
      .get(teamsPath(event, `/all${query}`))
      .set('Authorization', auth);
  const patch = (event: TestEvent, teamId: string, body: Record<string, unknown>, auth = event.organiser.auth) =>
    app
      .http()
      .patch(teamsPath(event, `/${teamId}`))
      .set('Authorization', auth)
      .send(body);

  async function team(event: TestEvent, name: string, division?: string): Promise<{ id: string; captain: TestUser }> {
    const captain = await registeredUser(app, event);
    const created = await createTeam(app, event, captain, { name, ...(division ? { division } : {}) });
    return { id: created.id, captain };
  }

  it('should list every team with its flags to organisers, hidden ones too, and search names', async () => {
    const event = await createEvent(app);
    const tag = randomUUID().slice(0, 6);
    const shown = await team(event, `Lotus ${tag}`);
    const hidden = await team(event, `Staff ${tag}`);
    await patch(event, hidden.id, { hidden: true }).expect(200);
    const listed = await all(event).expect(200);
    expect(listed.headers['x-total-count']).toBe('2');
    expect((listed.body as ModeratedTeam[]).map((row) => [row.name, row.hidden, row.banned, row.members.length])).toEqual([
      [`Lotus ${tag}`, false, false, 1],
      [`Staff ${tag}`, true, false, 1],
    ]);
    // The public list leaves the hidden team out.
    expect((await app.http().get(teamsPath(event)).expect(200)).body.map((row: { id: string }) => row.id)).toEqual([shown.id]);
    expect((await all(event, '?q=staff').expect(200)).body.map((row: ModeratedTeam) => row.id)).toEqual([hidden.id]);
    expect((await all(event, '?q=%25').expect(200)).body).toEqual([]);
  });

  it('should move a team to another division of the event, and its division board follows', async () => {
    const event = await runningCtf(app, { divisions: ['student', 'open'] });
    const challenge = await createChallenge(app, event);
    const mover = await team(event, `Mover ${randomUUID().slice(0, 6)}`, 'student');
    await attempt(app, event, mover.captain, challenge.id, challenge.flag).expect(200);
    const board = async (division: string) => (await app.http().get(`/api/v1/events/${event.slug}/leaderboard?division=${division}`).expect(200)).body.rows;
    expect((await board('student')).map((row: { teamId: string }) => row.teamId)).toEqual([mover.id]);

    const moved = await patch(event, mover.id, { division: 'open' }).expect(200);
    expect(moved.body).toMatchObject({ id: mover.id, division: 'open', hidden: false, banned: false });
    expect((await app.http().get(teamsPath(event, '/me')).set('Authorization', mover.captain.auth).expect(200)).body.division).toBe('open');
    expect(await board('student')).toEqual([]);
    expect((await board('open')).map((row: { teamId: string; score: number }) => [row.teamId, row.score])).toEqual([[mover.id, 100]]);
  });

  it('should answer 400 naming division when it is not one of the event divisions, or the event has none', async () => {
    const event = await createEvent(app, { divisions: ['student', 'open'] });
    const { id } = await team(event, `Div ${randomUUID().slice(0, 6)}`, 'student');
    expect(messageOf((await patch(event, id, { division: 'pro' }).expect(400)).body)).toContain('division');
    expect(messageOf((await patch(event, id, { division: 42 }).expect(400)).body)).toContain('division');
    expect(messageOf((await patch(event, id, { division: null }).expect(400)).body)).toContain('division');
    // A null flag would clear a NOT NULL column (a 500 before): refused, naming it.
    expect(messageOf((await patch(event, id, { hidden: null }).expect(400)).body)).toContain('hidden');
    expect(messageOf((await patch(event, id, { banned: null }).expect(400)).body)).toContain('banned');
    expect((await all(event).expect(200)).body[0].division).toBe('student');

    const plain = await createEvent(app);
    const other = await team(plain, `Plain ${randomUUID().slice(0, 6)}`);
    expect(messageOf((await patch(plain, other.id, { division: 'student' }).expect(400)).body)).toContain('division');
  });

  it('should refuse a participant the organisers’ list and a division change, and 404 a team of another event', async () => {
    const event = await createEvent(app, { divisions: ['student', 'open'] });
    const mine = await team(event, `Sneaky ${randomUUID().slice(0, 6)}`, 'student');
    await all(event, '', mine.captain.auth).expect(403);
    await patch(event, mine.id, { division: 'open' }, mine.captain.auth).expect(403);
    await app.http().get(teamsPath(event, '/all')).expect(401);
    expect((await all(event).expect(200)).body[0].division).toBe('student');

    const elsewhere = await createEvent(app, { divisions: ['student', 'open'] });
    await patch(elsewhere, mine.id, { division: 'open' }).expect(404);
  });
});
