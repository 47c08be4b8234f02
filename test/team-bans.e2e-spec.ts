import { DataSource } from 'typeorm';
import { createTask, labelledTruth, postSubmission, runningAiEvent } from './factories/ai.factory';
import { attempt, challengesPath, createChallenge, CtfTeam, ctfTeam, leaderboard, runningCtf } from './factories/ctf.factory';
import { createEvent, hoursFromNow, TestEvent } from './factories/event.factory';
import { buildZip, configure, endEvent, eventPath, postProject, runningHackathon, teamWithProject } from './factories/hackathon.factory';
import { createTeam, myTeam, registeredUser, teamsPath, teamWithMembers } from './factories/team.factory';
import { TestUser } from './factories/user.factory';
import { createTestApp, TestApp } from './utils/test-app';

interface Row {
  rank: number;
  teamId: string;
  score: number;
  banned?: true;
}

// Organisers disqualify: a banned team plays no more and leaves every board but theirs; they remove members after
// the lock; a rejected registrant leaves their team. Each test performs what the disqualified player would try.
describe('team bans and removals', () => {
  let app: TestApp;
  let db: DataSource;

  beforeAll(async () => {
    app = await createTestApp();
    db = app.app.get(DataSource);
  });

  afterAll(async () => {
    await app.close();
  });

  const moderate = (event: TestEvent, teamId: string, body: Record<string, unknown>, auth = event.organiser.auth) =>
    app
      .http()
      .patch(teamsPath(event, `/${teamId}`))
      .set('Authorization', auth)
      .send(body);
  const ban = (event: TestEvent, teamId: string) => moderate(event, teamId, { banned: true }).expect(200);
  const expel = (event: TestEvent, teamId: string, userId: string, auth = event.organiser.auth) =>
    app
      .http()
      .delete(teamsPath(event, `/${teamId}/members/${userId}`))
      .set('Authorization', auth);
  const count = async (sql: string, params: unknown[]) => Number((await db.query(sql, params))[0].n);
  const rows = async (event: TestEvent, query = '', auth?: string): Promise<Row[]> => (await leaderboard(app, event, query, auth).expect(200)).body.rows;

  describe('a banned team', () => {
    it('should refuse every CTF write of its members with 403 and store nothing when the organiser bans the team', async () => {
      const event = await runningCtf(app);
      const warm = await createChallenge(app, event);
      const target = await createChallenge(app, event, { hints: [{ content: 'look at the headers', cost: 10 }] });
      const { team, captain, members } = await teamWithMembers(app, event, 1);
      const hintId = (
        await app
          .http()
          .get(challengesPath(event, `/${target.id}`))
          .set('Authorization', event.organiser.auth)
          .expect(200)
      ).body.hints[0].id;
      // Points to pay for the hint, and memberships cached by the attempt hot path just before the ban.
      await attempt(app, event, captain, warm.id, warm.flag).expect(200);
      await attempt(app, event, members[0], warm.id, 'ACS{wrong}').expect(200);
      const stored = await count('SELECT count(*) AS n FROM attempts WHERE team_id = $1', [team.id]);

      const banned = await ban(event, team.id);
      expect(banned.body).toMatchObject({ id: team.id, banned: true, hidden: false });
      for (const player of [captain, members[0]]) {
        const refused = await attempt(app, event, player, target.id, target.flag).expect(403);
        expect(refused.body.code).toBe('team-banned');
        await attempt(app, event, player, target.id, 'ACS{guess}').expect(403);
        await app.http().post(`/api/v1/events/${event.slug}/hints/${hintId}/unlock`).set('Authorization', player.auth).expect(403);
      }
      expect(await count('SELECT count(*) AS n FROM attempts WHERE team_id = $1', [team.id])).toBe(stored);
      expect(await count('SELECT count(*) AS n FROM solves WHERE team_id = $1 AND challenge_id = $2', [team.id, target.id])).toBe(0);
      expect(await count('SELECT count(*) AS n FROM hint_unlocks WHERE team_id = $1', [team.id])).toBe(0);

      // Lifting the ban lets the team play again.
      await moderate(event, team.id, { banned: false }).expect(200);
      expect((await attempt(app, event, captain, target.id, target.flag).expect(200)).body.status).toBe('correct');
    });

    it('should refuse AI submissions and final choices of its members with 403 and store nothing', async () => {
      const event = await runningAiEvent(app);
      const task = await postTaskOrFail(event);
      const { team, captain } = await teamWithMembers(app, event, 0);
      const before = await postSubmission(app, event, captain, task, 'id,label\nr1,a\nr2,b\n').expect(202);
      await ban(event, team.id);
      await postSubmission(app, event, captain, task, 'id,label\nr1,a\nr2,b\n').expect(403);
      await app.http().put(`/api/v1/submissions/${before.body.id}/final`).set('Authorization', captain.auth).send({ final: true }).expect(403);
      expect(await count('SELECT count(*) AS n FROM submissions WHERE team_id = $1', [team.id])).toBe(1);
      expect(await count('SELECT count(*) AS n FROM submissions WHERE team_id = $1 AND selected_final', [team.id])).toBe(0);
    });

    it('should refuse creating, editing and uploading hackathon projects of its members with 403 and change nothing', async () => {
      const event = await runningHackathon(app);
      const owner = await teamWithMembers(app, event, 0);
      const project = (await postProject(app, event, owner.captain, { title: 'before the ban' }).expect(201)).body;
      const other = await teamWithMembers(app, event, 0);
      await ban(event, owner.team.id);
      await ban(event, other.team.id);
      await postProject(app, event, other.captain).expect(403);
      const path = eventPath(event, `/projects/${project.id}`);
      await app.http().put(path).set('Authorization', owner.captain.auth).send({ title: 'after the ban' }).expect(403);
      await app
        .http()
        .post(`${path}/archive`)
        .set('Authorization', owner.captain.auth)
        .attach('file', buildZip([{ name: 'README.md', data: 'x' }]), 'src.zip')
        .expect(403);
      expect(await count('SELECT count(*) AS n FROM projects WHERE team_id = $1', [other.team.id])).toBe(0);
      const stored = await app.http().get(path).set('Authorization', event.organiser.auth).expect(200);
      expect(stored.body).toMatchObject({ title: 'before the ban', version: 1, archive: null });
    });

    it("should leave the public, division and CTFtime boards but stay on the organisers' when banned, and stop lowering values", async () => {
      const event = await runningCtf(app, { divisions: ['open', 'student'] });
      const challenge = await createChallenge(app, event, { type: 'dynamic', function: 'linear', initial: 100, minimum: 1, decay: 10 });
      const [cheat, fair, student] = [await ctfTeamIn(event, 'open'), await ctfTeamIn(event, 'open'), await ctfTeamIn(event, 'student')];
      for (const solver of [cheat, fair, student]) await attempt(app, event, solver.captain, challenge.id, challenge.flag).expect(200);
      // Three solves: 100 - 2 × 10.
      expect((await rows(event)).map((row) => row.score)).toEqual([80, 80, 80]);

      await ban(event, cheat.team.id);
      // Two solves left that count: the value recovers to 90 for everyone, the banned team included.
      const pub = await rows(event);
      expect(pub.map((row) => row.teamId)).toEqual([fair.team.id, student.team.id]);
      expect(pub.map((row) => [row.rank, row.score])).toEqual([
        [1, 90],
        [2, 90],
      ]);
      expect((await rows(event, '?division=open')).map((row) => [row.teamId, row.rank])).toEqual([[fair.team.id, 1]]);
      const value = (await app.http().get(challengesPath(event)).set('Authorization', fair.captain.auth).expect(200)).body.find((item: { id: string }) => item.id === challenge.id);
      expect(value).toMatchObject({ value: 90, solves: 2 });
      const feed = (await app.http().get(`/api/v1/events/${event.slug}/ctftime.json`).expect(200)).body;
      expect(feed.standings.map((row: { team: string; pos: number }) => [row.team, row.pos])).toEqual([
        [fair.team.name, 1],
        [student.team.name, 2],
      ]);
      const history = (await app.http().get(`/api/v1/events/${event.slug}/leaderboard/history`).expect(200)).body;
      expect(history.map((row: { teamId: string }) => row.teamId)).not.toContain(cheat.team.id);
      // A participant's view (their own token) is the public one.
      expect((await rows(event, '', fair.captain.auth)).map((row) => row.teamId)).not.toContain(cheat.team.id);

      const organisers = await rows(event, '', event.organiser.auth);
      expect(organisers.find((row) => row.teamId === cheat.team.id)).toMatchObject({ score: 90, banned: true });
      expect(organisers).toHaveLength(3);
      expect((await rows(event, '?division=open', event.organiser.auth)).map((row) => row.teamId)).toContain(cheat.team.id);

      // Lifting the ban brings the team and its solve back.
      await moderate(event, cheat.team.id, { banned: false }).expect(200);
      expect((await rows(event)).map((row) => row.score)).toEqual([80, 80, 80]);
    });

    it("should refuse a people's choice vote of its members with 403 and store nothing", async () => {
      const event = await runningHackathon(app);
      await configure(app, event, { peoplesChoice: { enabled: true } });
      const cheat = await teamWithProject(app, event, { title: 'banned' });
      const fair = await teamWithProject(app, event, { title: 'fair' });
      const outsider = await registeredUser(app, event);
      await ban(event, cheat.team.id);
      await endEvent(app, event);
      const vote = (user: TestUser) =>
        app
          .http()
          .post(eventPath(event, `/projects/${fair.project.id}/votes`))
          .set('Authorization', user.auth);
      expect((await vote(cheat.captain).expect(403)).body.code).toBe('team-banned');
      expect(await count('SELECT count(*) AS n FROM peoples_choice_votes WHERE user_id = $1', [cheat.captain.id])).toBe(0);
      // Anyone outside a banned team still votes.
      await vote(outsider).expect(201);
    });

    it("should value a hint unlock's challenges without the banned team's solves, as the board does", async () => {
      const event = await runningCtf(app);
      const challenge = await createChallenge(app, event, { type: 'dynamic', function: 'linear', value: undefined, initial: 100, minimum: 10, decay: 10 });
      const hinted = await createChallenge(app, event, { hints: [{ content: 'exactly affordable', cost: 100 }] });
      const [fair, cheat] = [await ctfTeam(app, event), await ctfTeam(app, event)];
      for (const team of [fair, cheat]) await attempt(app, event, team.captain, challenge.id, challenge.flag).expect(200);
      await ban(event, cheat.team.id);
      // One solve counts now: the board says 100, and so does the unlock's check.
      expect((await rows(event)).find((row) => row.teamId === fair.team.id)?.score).toBe(100);
      const hintId = (
        await app
          .http()
          .get(challengesPath(event, `/${hinted.id}`))
          .set('Authorization', event.organiser.auth)
          .expect(200)
      ).body.hints[0].id;
      const unlocked = await app.http().post(`/api/v1/events/${event.slug}/hints/${hintId}/unlock`).set('Authorization', fair.captain.auth).expect(200);
      expect(unlocked.body).toMatchObject({ content: 'exactly affordable', cost: 100 });
    });

    it('should keep the team and its members when they leave, are removed by their captain or disband before the lock', async () => {
      // Before the start the teams are unlocked: leaving one by one would delete the team row, and its ban with it.
      const event = await createEvent(app, { kind: 'ctf', startsAt: hoursFromNow(1), endsAt: hoursFromNow(24) });
      const { team, captain, members } = await teamWithMembers(app, event, 1);
      await ban(event, team.id);
      const leave = (user: TestUser, userId = user.id) =>
        app
          .http()
          .delete(teamsPath(event, `/me/members/${userId}`))
          .set('Authorization', user.auth);
      expect((await leave(members[0]).expect(403)).body.code).toBe('team-banned');
      expect((await leave(captain, members[0].id).expect(403)).body.code).toBe('team-banned');
      // Only organisers remove members of a banned team; the last one cannot disband it.
      await expel(event, team.id, members[0].id).expect(204);
      expect((await leave(captain).expect(403)).body.code).toBe('team-banned');
      expect((await myTeam(app, event, captain).expect(200)).body.id).toBe(team.id);
      await expel(event, team.id, captain.id).expect(204);
      expect(await count('SELECT count(*) AS n FROM teams WHERE id = $1 AND banned', [team.id])).toBe(1);
    });

    it('should refuse the ban with 403 when the caller does not organise the event', async () => {
      const event = await runningCtf(app);
      const { team, captain } = await ctfTeam(app, event);
      await moderate(event, team.id, { banned: true }, captain.auth).expect(403);
      await moderate(event, team.id, { banned: 'yes' }).expect(400);
    });
  });

  describe('DELETE /events/:slug/teams/:id/members/:userId', () => {
    it('should remove a member after the teams lock and refuse their next flag attempt when an organiser removes them', async () => {
      const event = await createEvent(app, { kind: 'ctf', startsAt: hoursFromNow(1), endsAt: hoursFromNow(24) });
      const { team, captain, members } = await teamWithMembers(app, event, 2);
      await app
        .http()
        .patch(`/api/v1/events/${event.slug}`)
        .set('Authorization', event.organiser.auth)
        .send({ startsAt: hoursFromNow(-1) })
        .expect(200);
      const challenge = await createChallenge(app, event);
      // The lock binds the team itself: the captain can no longer remove anyone.
      await app
        .http()
        .delete(teamsPath(event, `/me/members/${members[0].id}`))
        .set('Authorization', captain.auth)
        .expect(409);
      // The captain's membership is in the attempt hot path's cache when the organiser acts.
      await attempt(app, event, captain, challenge.id, 'ACS{wrong}').expect(200);
      await expel(event, team.id, captain.id, members[0].auth).expect(403);

      await expel(event, team.id, captain.id).expect(204);
      const refused = await attempt(app, event, captain, challenge.id, challenge.flag).expect(403);
      expect(refused.body.code).toBe('not-in-team');
      await myTeam(app, event, captain).expect(404);
      // The longest-standing member is captain now.
      const remaining = (await myTeam(app, event, members[0]).expect(200)).body.members;
      expect(remaining.map((member: { userId: string; role: string }) => [member.userId, member.role])).toEqual([
        [members[0].id, 'captain'],
        [members[1].id, 'member'],
      ]);
      await expel(event, team.id, captain.id).expect(404);

      // A team emptied by organisers stays, with its history.
      await expel(event, team.id, members[0].id).expect(204);
      await expel(event, team.id, members[1].id).expect(204);
      const emptied = await moderate(event, team.id, {}).expect(200);
      expect(emptied.body).toMatchObject({ id: team.id, members: [] });
      expect(await count('SELECT count(*) AS n FROM attempts WHERE team_id = $1', [team.id])).toBe(1);
    });

    it("should refuse a removed player a new team and another team's invite with 403 until an organiser approves them again", async () => {
      const event = await createEvent(app, { kind: 'ctf', startsAt: hoursFromNow(1), endsAt: hoursFromNow(24) });
      const { team, members } = await teamWithMembers(app, event, 1);
      const other = await createTeam(app, event, await registeredUser(app, event));
      const cheat = members[0];
      await expel(event, team.id, cheat.id).expect(204);

      const created = await app.http().post(teamsPath(event)).set('Authorization', cheat.auth).send({ name: 'fresh start' }).expect(403);
      expect(created.body.code).toBe('disqualified');
      await app.http().post(teamsPath(event, '/join')).set('Authorization', cheat.auth).send({ inviteCode: other.inviteCode }).expect(403);
      // Nor by withdrawing and registering afresh.
      expect((await app.http().delete(`/api/v1/events/${event.slug}/registrations/me`).set('Authorization', cheat.auth).expect(409)).body.code).toBe('registration-rejected');
      expect(await count('SELECT count(*) AS n FROM team_members WHERE user_id = $1', [cheat.id])).toBe(0);

      // Approving the registration again lifts the mark.
      const registration = (await app.http().get(`/api/v1/events/${event.slug}/registrations/me`).set('Authorization', cheat.auth).expect(200)).body;
      await app.http().patch(`/api/v1/events/${event.slug}/registrations/${registration.id}`).set('Authorization', event.organiser.auth).send({ status: 'approved' }).expect(200);
      await app.http().post(teamsPath(event, '/join')).set('Authorization', cheat.auth).send({ inviteCode: other.inviteCode }).expect(200);
    });
  });

  describe('rejecting an approved registration', () => {
    it('should take the person out of their team in the same step and refuse their flag attempts', async () => {
      const event = await runningCtf(app);
      const challenge = await createChallenge(app, event);
      const { team, captain, members } = await teamWithMembers(app, event, 1);
      await attempt(app, event, captain, challenge.id, 'ACS{wrong}').expect(200);
      const reject = async (user: TestUser) => {
        const registration = (await app.http().get(`/api/v1/events/${event.slug}/registrations/me`).set('Authorization', user.auth).expect(200)).body;
        return app.http().patch(`/api/v1/events/${event.slug}/registrations/${registration.id}`).set('Authorization', event.organiser.auth).send({ status: 'rejected' });
      };

      expect((await reject(captain)).status).toBe(200);
      await myTeam(app, event, captain).expect(404);
      expect(await count('SELECT count(*) AS n FROM team_members WHERE user_id = $1', [captain.id])).toBe(0);
      const refused = await attempt(app, event, captain, challenge.id, challenge.flag).expect(403);
      expect(refused.body.code).toBe('not-in-team');
      // Nor can they come back through a new team.
      await app.http().post(teamsPath(event)).set('Authorization', captain.auth).send({ name: 'comeback' }).expect(403);
      const left = (await myTeam(app, event, members[0]).expect(200)).body;
      expect(left).toMatchObject({ id: team.id, members: [{ userId: members[0].id, role: 'captain' }] });
    });

    it('should refuse to withdraw a rejected registration with 409 and to register again while rejected', async () => {
      const event = await runningCtf(app);
      const player = await registeredUser(app, event);
      const registrations = `/api/v1/events/${event.slug}/registrations`;
      const registration = (await app.http().get(`${registrations}/me`).set('Authorization', player.auth).expect(200)).body;
      await app.http().patch(`${registrations}/${registration.id}`).set('Authorization', event.organiser.auth).send({ status: 'rejected' }).expect(200);

      // Withdrawing would delete the rejection, and auto-approval would approve the new registration.
      expect((await app.http().delete(`${registrations}/me`).set('Authorization', player.auth).expect(409)).body.code).toBe('registration-rejected');
      expect((await app.http().post(registrations).set('Authorization', player.auth).send({}).expect(409)).body.code).toBe('already-registered');
      expect((await app.http().get(`${registrations}/me`).set('Authorization', player.auth).expect(200)).body).toMatchObject({ id: registration.id, status: 'rejected' });
      await app.http().post(teamsPath(event)).set('Authorization', player.auth).send({ name: 'comeback' }).expect(403);
    });
  });

  /** A one-member team of the division. */
  async function ctfTeamIn(event: TestEvent, division: string): Promise<CtfTeam> {
    const captain = await registeredUser(app, event);
    return { team: await createTeam(app, event, captain, { division }), captain, members: [] };
  }

  /** An accuracy task over two rows (one per split); its id. */
  async function postTaskOrFail(event: TestEvent): Promise<string> {
    const task = await createTask(
      app,
      event,
      { name: 'labels', idColumn: 'id', targetColumn: 'label', metric: 'accuracy', splitColumn: 'usage' },
      labelledTruth(['a', 'b'], ['public', 'private']),
    );
    return task.id as string;
  }
});
