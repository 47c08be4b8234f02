import { INestApplicationContext } from '@nestjs/common';
import { randomBytes, randomUUID } from 'crypto';
import { DataSource } from 'typeorm';
import { attempt, challengesPath, createChallenge, ctfTeam, runningCtf } from './factories/ctf.factory';
import { blobFilesWith } from './factories/ai.factory';
import { createEvent, TestEvent } from './factories/event.factory';
import { createTeam, joinTeam, myTeam, registeredUser, teamsPath, teamWithMembers } from './factories/team.factory';
import { registerOrganizer } from './factories/user.factory';
import { baseUrl, SseClient } from './utils/sse-client';
import { createTestApp, TestApp } from './utils/test-app';
import { eventually, startTestWorker } from './utils/test-worker';

// What the organisers' console needed from the CTF API: editing and deleting announcements (pushed live), removing one
// challenge file, and an organiser disbanding a team that has no contest history yet.
describe('ctf console gaps', () => {
  let app: TestApp;
  let worker: INestApplicationContext;

  beforeAll(async () => {
    app = await createTestApp();
    worker = await startTestWorker();
  });

  afterAll(async () => {
    await worker.close();
    await app.close();
  });

  const announcementsPath = (event: TestEvent, suffix = '') => `/api/v1/events/${event.slug}/announcements${suffix}`;
  const post = async (event: TestEvent, title = 'Heads up', body = 'web-1 restarted') =>
    (await app.http().post(announcementsPath(event)).set('Authorization', event.organiser.auth).send({ title, body }).expect(201)).body as { id: string; createdAt: string };
  const edit = (event: TestEvent, id: string, body: Record<string, unknown>, auth = event.organiser.auth) =>
    app
      .http()
      .patch(announcementsPath(event, `/${id}`))
      .set('Authorization', auth)
      .send(body);
  const removeAnnouncement = (event: TestEvent, id: string, auth = event.organiser.auth) =>
    app
      .http()
      .delete(announcementsPath(event, `/${id}`))
      .set('Authorization', auth);
  const listed = async (event: TestEvent) => (await app.http().get(announcementsPath(event)).expect(200)).body as Array<{ id: string; title: string; body: string }>;

  describe('announcements', () => {
    it('should edit the fields given and keep the others and the date when an organiser edits', async () => {
      const event = await runningCtf(app);
      const older = await post(event, 'First', 'one');
      const newer = await post(event, 'Second', 'two');
      const edited = await edit(event, older.id, { body: '**web-1** is back' }).expect(200);
      expect(edited.body).toEqual({ id: older.id, title: 'First', body: '**web-1** is back', createdAt: older.createdAt });
      await edit(event, older.id, { title: 'First, edited' }).expect(200);
      // Order stays by creation: an edit does not bring an old announcement to the top.
      expect((await listed(event)).map((row) => [row.id, row.title, row.body])).toEqual([
        [newer.id, 'Second', 'two'],
        [older.id, 'First, edited', '**web-1** is back'],
      ]);
    });

    it('should answer 400 naming the field when an edit is empty text, too long or has unknown fields', async () => {
      const event = await runningCtf(app);
      const { id } = await post(event);
      expect((await edit(event, id, { title: '' }).expect(400)).body.message.join(' ')).toContain('title');
      expect((await edit(event, id, { body: 'x'.repeat(20_001) }).expect(400)).body.message.join(' ')).toContain('body');
      // null is not "leave it": it would clear a required column (a 500 before).
      expect((await edit(event, id, { title: null }).expect(400)).body.message.join(' ')).toContain('title');
      expect((await edit(event, id, { body: null }).expect(400)).body.message.join(' ')).toContain('body');
      expect((await edit(event, id, { createdAt: '2020-01-01T00:00:00Z' }).expect(400)).body.message.join(' ')).toContain('createdAt');
      await edit(event, 'not-a-uuid', { title: 'x' }).expect(400);
      expect((await listed(event))[0]).toMatchObject({ title: 'Heads up', body: 'web-1 restarted' });
    });

    it('should delete it for everyone when an organiser deletes it, and answer 404 the second time', async () => {
      const event = await runningCtf(app);
      const kept = await post(event, 'Kept');
      const gone = await post(event, 'Gone');
      await removeAnnouncement(event, gone.id).expect(204);
      expect((await listed(event)).map((row) => row.id)).toEqual([kept.id]);
      await removeAnnouncement(event, gone.id).expect(404);
      expect((await edit(event, gone.id, { title: 'back?' }).expect(404)).body.code).toBe('announcement-not-found');
    });

    it('should refuse participants, anonymous callers and organisers of another event', async () => {
      const event = await runningCtf(app);
      const { id } = await post(event);
      const { captain } = await ctfTeam(app, event);
      await edit(event, id, { title: 'pwned' }, captain.auth).expect(403);
      await removeAnnouncement(event, id, captain.auth).expect(403);
      await app
        .http()
        .patch(announcementsPath(event, `/${id}`))
        .send({ title: 'pwned' })
        .expect(401);
      await app
        .http()
        .delete(announcementsPath(event, `/${id}`))
        .expect(401);
      // An organiser of another event: refused on this event's path, and not found through their own event's path.
      const other = await runningCtf(app);
      await edit(event, id, { title: 'pwned' }, other.organiser.auth).expect(403);
      await removeAnnouncement(event, id, other.organiser.auth).expect(403);
      await edit(other, id, { title: 'pwned' }).expect(404);
      await removeAnnouncement(other, id).expect(404);
      expect(await listed(event)).toEqual([expect.objectContaining({ id, title: 'Heads up', body: 'web-1 restarted' })]);
    });

    it('should push the edit and the removal on the live stream as their own events', async () => {
      const event = await runningCtf(app);
      const client = await SseClient.open(`${await baseUrl(app)}/api/v1/events/${event.slug}/leaderboard/stream`);
      const framesOf = (name: string) => client.frames.filter((frame) => frame.event === name).map((frame) => JSON.parse(frame.data));
      try {
        await client.board();
        const { id, createdAt } = await post(event, 'Typo', 'web-1 restartd');
        await eventually(async () => (framesOf('announcement').length ? true : undefined), 10_000);
        await edit(event, id, { body: 'web-1 restarted' }).expect(200);
        const [updated] = await eventually(async () => (framesOf('announcement-updated').length ? framesOf('announcement-updated') : undefined), 10_000);
        expect(updated).toEqual({ id, title: 'Typo', body: 'web-1 restarted', createdAt });
        await removeAnnouncement(event, id).expect(204);
        const [deleted] = await eventually(async () => (framesOf('announcement-deleted').length ? framesOf('announcement-deleted') : undefined), 10_000);
        expect(deleted).toEqual({ id });
        // An edit is not a new announcement: pages that toast new ones are not told twice.
        expect(framesOf('announcement')).toHaveLength(1);
      } finally {
        client.close();
      }
    });
  });

  describe('challenge files', () => {
    const upload = (event: TestEvent, challengeId: string, bytes: Buffer, filename: string) =>
      app
        .http()
        .post(challengesPath(event, `/${challengeId}/files`))
        .set('Authorization', event.organiser.auth)
        .attach('file', bytes, filename);
    const removeFile = (event: TestEvent, challengeId: string, fileId: string, auth = event.organiser.auth) =>
      app
        .http()
        .delete(challengesPath(event, `/${challengeId}/files/${fileId}`))
        .set('Authorization', auth);
    const filesSeenBy = async (event: TestEvent, auth: string) =>
      ((await app.http().get(challengesPath(event)).set('Authorization', auth).expect(200)).body as Array<{ files: Array<{ name: string }> }>)[0].files.map((file) => file.name);

    it('should remove one file and its stored bytes, keep the others, and stop serving it to participants', async () => {
      const event = await runningCtf(app);
      const challenge = await createChallenge(app, event);
      const content = `leaked-${randomUUID()}`;
      const [leaked] = (await upload(event, challenge.id, Buffer.from(content), 'leaked.txt').expect(201)).body;
      const [kept] = (await upload(event, challenge.id, randomBytes(64), 'kept.bin').expect(201)).body;
      expect(leaked.id).toEqual(expect.any(String));
      const { captain } = await ctfTeam(app, event);
      await app.http().get(leaked.url).set('Authorization', captain.auth).expect(200);
      expect(blobFilesWith(content)).toHaveLength(1);

      await removeFile(event, challenge.id, leaked.id).expect(204);
      await app.http().get(leaked.url).set('Authorization', captain.auth).expect(404);
      await app.http().get(leaked.url).set('Authorization', event.organiser.auth).expect(404);
      await app.http().get(kept.url).set('Authorization', captain.auth).expect(200);
      // The stored bytes are removed at once, not left to a cleanup.
      expect(blobFilesWith(content)).toEqual([]);
      const detail = await app
        .http()
        .get(challengesPath(event, `/${challenge.id}`))
        .set('Authorization', event.organiser.auth)
        .expect(200);
      expect(detail.body.files.map((file: { id: string }) => file.id)).toEqual([kept.id]);
      // The shared board in memory follows within its refresh bound.
      await eventually(async () => ((await filesSeenBy(event, captain.auth)).join() === 'kept.bin' ? true : undefined), 10_000);
      await removeFile(event, challenge.id, leaked.id).expect(404);
    });

    it('should refuse participants and other events’ organisers, and not find a file through another challenge', async () => {
      const event = await runningCtf(app);
      const challenge = await createChallenge(app, event);
      const other = await createChallenge(app, event);
      const [file] = (await upload(event, challenge.id, Buffer.from('payload'), 'a.txt').expect(201)).body;
      const { captain } = await ctfTeam(app, event);
      await removeFile(event, challenge.id, file.id, captain.auth).expect(403);
      const elsewhere = await runningCtf(app);
      await removeFile(event, challenge.id, file.id, elsewhere.organiser.auth).expect(403);
      await app
        .http()
        .delete(challengesPath(event, `/${challenge.id}/files/${file.id}`))
        .expect(401);
      await removeFile(event, other.id, file.id).expect(404);
      await removeFile(elsewhere, challenge.id, file.id).expect(404);
      await removeFile(event, challenge.id, 'nope').expect(400);
      await app.http().get(file.url).set('Authorization', captain.auth).expect(200);
    });
  });

  describe('organisers disbanding a team', () => {
    const disband = (event: TestEvent, teamId: string, auth = event.organiser.auth) =>
      app
        .http()
        .delete(teamsPath(event, `/${teamId}`))
        .set('Authorization', auth);

    it('should disband a team before the start and free its members to join or create another', async () => {
      const event = await createEvent(app);
      const { team, captain, members } = await teamWithMembers(app, event, 1);
      await disband(event, team.id).expect(204);
      await myTeam(app, event, captain).expect(404);
      await myTeam(app, event, members[0]).expect(404);
      const ids = (await app.http().get(teamsPath(event, '/all')).set('Authorization', event.organiser.auth).expect(200)).body.map((row: { id: string }) => row.id);
      expect(ids).not.toContain(team.id);
      // Their registrations stand: both play on in new teams.
      const fresh = await createTeam(app, event, captain, { name: team.name });
      await joinTeam(app, event, members[0], fresh.inviteCode);
      await disband(event, team.id).expect(404);
    });

    it('should disband a team after the start while it has no attempt, solve or award', async () => {
      const event = await runningCtf(app);
      await createChallenge(app, event);
      const { team, captain } = await ctfTeam(app, event, 1);
      await disband(event, team.id).expect(204);
      await myTeam(app, event, captain).expect(404);
    });

    it.each([
      ['a wrong attempt', 'wrong'],
      ['a solve', 'solve'],
      ['an award', 'award'],
    ] as const)('should answer 409 team-has-history and keep the team when it has %s', async (_label, kind) => {
      const event = await runningCtf(app);
      const challenge = await createChallenge(app, event);
      const { team, captain } = await ctfTeam(app, event, 1);
      if (kind === 'wrong') await attempt(app, event, captain, challenge.id, 'ACS{nope}').expect(200);
      if (kind === 'solve') await attempt(app, event, captain, challenge.id, challenge.flag).expect(200);
      if (kind === 'award') {
        await app.http().post(`/api/v1/events/${event.slug}/awards`).set('Authorization', event.organiser.auth).send({ teamId: team.id, value: 5, reason: 'writeup' }).expect(201);
      }
      const refused = await disband(event, team.id).expect(409);
      expect(refused.body).toMatchObject({ code: 'team-has-history' });
      expect(refused.body.message).toContain('ban');
      expect((await myTeam(app, event, captain).expect(200)).body.id).toBe(team.id);
    });

    it('should answer 409 banned-team-kept for a banned team, so its members cannot start afresh', async () => {
      const event = await createEvent(app);
      const { team, captain } = await ctfTeam(app, event, 1);
      await app
        .http()
        .patch(teamsPath(event, `/${team.id}`))
        .set('Authorization', event.organiser.auth)
        .send({ banned: true })
        .expect(200);
      expect((await disband(event, team.id).expect(409)).body).toMatchObject({ code: 'banned-team-kept' });
      expect((await myTeam(app, event, captain).expect(200)).body.id).toBe(team.id);
    });

    it('should refuse participants, captains and other events’ organisers', async () => {
      const event = await createEvent(app);
      const { team, captain } = await ctfTeam(app, event, 1);
      const stranger = await ctfTeam(app, event, 1);
      await disband(event, team.id, captain.auth).expect(403);
      await disband(event, team.id, stranger.captain.auth).expect(403);
      await app
        .http()
        .delete(teamsPath(event, `/${team.id}`))
        .expect(401);
      const elsewhere = await createEvent(app, {}, await registerOrganizer(app));
      await disband(event, team.id, elsewhere.organiser.auth).expect(403);
      await disband(elsewhere, team.id).expect(404);
      await disband(event, 'nope').expect(400);
      expect((await myTeam(app, event, captain).expect(200)).body.id).toBe(team.id);
    });

    it('should leave no one in a vanished team when a member joins while an organiser disbands it', async () => {
      const event = await createEvent(app);
      for (let round = 0; round < 6; round += 1) {
        const captain = await registeredUser(app, event);
        const team = await createTeam(app, event, captain);
        const joiner = await registeredUser(app, event);
        const [joined, disbanded] = await Promise.all([
          app.http().post(teamsPath(event, '/join')).set('Authorization', joiner.auth).send({ inviteCode: team.inviteCode }),
          disband(event, team.id),
        ]);
        expect({ round, disbanded: disbanded.status }).toEqual({ round, disbanded: 204 });
        // Either the join came first (and the disband freed the joiner) or the team was gone: never a 500.
        expect([200, 404]).toContain(joined.status);
        await myTeam(app, event, captain).expect(404);
        await myTeam(app, event, joiner).expect(404);
        // The joiner is free: a new team of their own works.
        await createTeam(app, event, joiner);
      }
    });

    it('should settle a flag sent while an organiser disbands the team: kept as history (409) or refused (403), never a 500 or a row of a vanished team', async () => {
      const event = await runningCtf(app);
      const challenge = await createChallenge(app, event);
      const db = app.app.get(DataSource);
      const outcomes = new Set<string>();
      for (let round = 0; round < 10; round += 1) {
        const { team, captain } = await ctfTeam(app, event, 1);
        // Right and wrong flags in turn: a solve and a wrong count take different writes.
        const flag = round % 2 === 0 ? challenge.flag : 'ACS{nope}';
        const [sent, disbanded] = await Promise.all([attempt(app, event, captain, challenge.id, flag), disband(event, team.id)]);
        const outcome = `${sent.status}/${disbanded.status}`;
        expect({ round, outcome }).toEqual({ round, outcome: expect.stringMatching(/^(200\/409|403\/204)$/) });
        outcomes.add(outcome);
        if (disbanded.status === 204) {
          expect(sent.body.code).toBe('not-in-team');
          const [left] = await db.query(
            `SELECT (SELECT count(*) FROM attempts WHERE team_id = $1) + (SELECT count(*) FROM attempt_counters WHERE team_id = $1)
                  + (SELECT count(*) FROM solves WHERE team_id = $1) AS n`,
            [team.id],
          );
          expect({ round, left: Number(left.n) }).toEqual({ round, left: 0 });
        }
      }
    });
  });
});
