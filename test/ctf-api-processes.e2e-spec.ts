import { attempt, challengesPath, createChallenge, runningCtf } from './factories/ctf.factory';
import { TestUser } from './factories/user.factory';
import { TestEvent } from './factories/event.factory';
import { teamsPath, teamWithMembers } from './factories/team.factory';
import { createTestApp, TestApp } from './utils/test-app';

// Two api processes share PostgreSQL and Redis (API_WORKERS, or several hosts). The flag attempt hot path keeps each
// player's team in memory for a long time (a contest's start would re-read it on every attempt otherwise): an
// organiser's ban or removal made through one process must still stop the next attempt sent to the other at once.
describe('team changes across api processes', () => {
  let organiserSide: TestApp;
  let playerSide: TestApp;

  beforeAll(async () => {
    organiserSide = await createTestApp();
    playerSide = await createTestApp();
  });

  afterAll(async () => {
    await Promise.all([organiserSide.close(), playerSide.close()]);
  });

  const moderate = (event: TestEvent, teamId: string, body: Record<string, unknown>) =>
    organiserSide
      .http()
      .patch(teamsPath(event, `/${teamId}`))
      .set('Authorization', event.organiser.auth)
      .send(body)
      .expect(200);

  it("should refuse a banned team's next attempt on the other process at once, and take it again as soon as the ban is lifted", async () => {
    const event = await runningCtf(organiserSide);
    const challenge = await createChallenge(organiserSide, event);
    const { team, captain } = await teamWithMembers(organiserSide, event, 1);
    // The player's process has the membership in memory (not banned) when the organiser acts elsewhere.
    expect((await attempt(playerSide, event, captain, challenge.id, 'ACS{wrong}').expect(200)).body.status).toBe('incorrect');

    await moderate(event, team.id, { banned: true });
    const refused = await attempt(playerSide, event, captain, challenge.id, challenge.flag).expect(403);
    expect(refused.body.code).toBe('team-banned');

    await moderate(event, team.id, { banned: false });
    expect((await attempt(playerSide, event, captain, challenge.id, challenge.flag).expect(200)).body.status).toBe('correct');
  });

  it('should refuse a removed member on the other process at once', async () => {
    const event = await runningCtf(organiserSide);
    const challenge = await createChallenge(organiserSide, event);
    const { team, members } = await teamWithMembers(organiserSide, event, 1);
    const [removed] = members;
    await attempt(playerSide, event, removed, challenge.id, 'ACS{wrong}').expect(200);

    await organiserSide
      .http()
      .delete(teamsPath(event, `/${team.id}/members/${removed.id}`))
      .set('Authorization', event.organiser.auth)
      .expect(204);
    const refused = await attempt(playerSide, event, removed, challenge.id, challenge.flag).expect(403);
    expect(refused.body.code).toBe('not-in-team');
  });

  interface ListedChallenge {
    id: string;
    solvedByMe: boolean;
    attemptsLeft: number | null;
    hints: Array<{ id: string; unlocked: boolean; content?: string }>;
  }
  const listOn = async (side: TestApp, event: TestEvent, player: TestUser): Promise<Map<string, ListedChallenge>> => {
    const listed = await side.http().get(challengesPath(event)).set('Authorization', player.auth).expect(200);
    expect(listed.headers['content-type']).toMatch(/^application\/json/);
    return new Map((listed.body as ListedChallenge[]).map((challenge) => [challenge.id, challenge]));
  };

  it("should show a team's wrong attempt, solve and hint unlock made through one process on its very next list from the other", async () => {
    const event = await runningCtf(organiserSide);
    const capped = await createChallenge(organiserSide, event, { maxAttempts: 3 });
    const hinted = await createChallenge(organiserSide, event, { hints: [{ content: 'read the cookie', cost: 10 }] });
    const { captain } = await teamWithMembers(organiserSide, event, 0);
    // The player's list is served (and its caller kept in memory) by one process; the writes go to the other.
    let listed = await listOn(playerSide, event, captain);
    expect(listed.get(capped.id)).toMatchObject({ solvedByMe: false, attemptsLeft: 3 });
    expect(await listOn(playerSide, event, captain)).toEqual(listed);

    await attempt(organiserSide, event, captain, capped.id, 'ACS{wrong}').expect(200);
    listed = await listOn(playerSide, event, captain);
    expect(listed.get(capped.id)).toMatchObject({ solvedByMe: false, attemptsLeft: 2 });

    await attempt(organiserSide, event, captain, capped.id, capped.flag).expect(200);
    listed = await listOn(playerSide, event, captain);
    expect(listed.get(capped.id)).toMatchObject({ solvedByMe: true, attemptsLeft: 2 });

    const [hint] = listed.get(hinted.id)?.hints ?? [];
    expect(hint).toEqual({ id: expect.any(String), cost: 10, unlocked: false });
    await organiserSide.http().post(`/api/v1/events/${event.slug}/hints/${hint.id}/unlock`).set('Authorization', captain.auth).expect(200);
    listed = await listOn(playerSide, event, captain);
    expect(listed.get(hinted.id)?.hints).toEqual([{ id: hint.id, cost: 10, unlocked: true, content: 'read the cookie' }]);
  });

  it('should drop a challenge an organiser hides through one process from the very next list the other serves', async () => {
    const event = await runningCtf(organiserSide);
    const kept = await createChallenge(organiserSide, event);
    const hidden = await createChallenge(organiserSide, event);
    const { captain } = await teamWithMembers(organiserSide, event, 0);
    expect([...(await listOn(playerSide, event, captain)).keys()].sort()).toEqual([kept.id, hidden.id].sort());

    await organiserSide
      .http()
      .patch(challengesPath(event, `/${hidden.id}`))
      .set('Authorization', event.organiser.auth)
      .send({ state: 'hidden' })
      .expect(200);
    expect([...(await listOn(playerSide, event, captain)).keys()]).toEqual([kept.id]);
  });
});
