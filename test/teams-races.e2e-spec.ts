import { createEvent, TestEvent } from './factories/event.factory';
import { createTeam, myTeam, registeredUser, registeredUsers, teamsPath, teamWithMembers } from './factories/team.factory';
import { TestUser } from './factories/user.factory';
import { createTestApp, TestApp } from './utils/test-app';

// Every race fires real HTTP requests at once (Promise.all) at a listening server; the database must settle them.
describe('teams under concurrent requests', () => {
  let app: TestApp;
  const create = (event: TestEvent, user: TestUser, name: string) => app.http().post(teamsPath(event)).set('Authorization', user.auth).send({ name });
  const join = (event: TestEvent, user: TestUser, inviteCode: string) => app.http().post(teamsPath(event, '/join')).set('Authorization', user.auth).send({ inviteCode });
  const statuses = (responses: { status: number }[]) => responses.map((response) => response.status).sort();
  const publicTeams = async (event: TestEvent) => {
    const response = await app.http().get(teamsPath(event)).expect(200);
    return { total: response.headers['x-total-count'], teams: response.body as { id: string; members: { userId: string }[] }[] };
  };

  beforeAll(async () => {
    app = await createTestApp();
    // A real listening socket, so concurrent requests share one server instead of supertest starting one each.
    await app.app.listen(0, '127.0.0.1');
  });

  afterAll(async () => {
    await app.close();
  });

  it('should let exactly 2 of 8 users in when they join a team with 2 free slots at once', async () => {
    const event = await createEvent(app, { teams: { minSize: 1, maxSize: 4 } });
    const { team, captain } = await teamWithMembers(app, event, 1);
    const joiners = await registeredUsers(app, event, 8);

    const responses = await Promise.all(joiners.map((user) => join(event, user, team.inviteCode)));

    expect(statuses(responses)).toEqual([200, 200, 409, 409, 409, 409, 409, 409]);
    for (const refused of responses.filter((response) => response.status === 409)) expect(refused.body.code).toBe('team-full');
    const members = (await myTeam(app, event, captain).expect(200)).body.members as { userId: string }[];
    expect(members).toHaveLength(4);
    const admitted = joiners.filter((_user, index) => responses[index].status === 200).map((user) => user.id);
    expect(members.map((member) => member.userId)).toEqual(expect.arrayContaining(admitted));
    for (const [index, user] of joiners.entries()) {
      await myTeam(app, event, user).expect(responses[index].status === 200 ? 200 : 404);
    }
  });

  it('should create exactly one team when the same user creates two teams at once', async () => {
    const event = await createEvent(app);
    const user = await registeredUser(app, event);

    const responses = await Promise.all([create(event, user, 'Alpha'), create(event, user, 'Bravo')]);

    expect(statuses(responses)).toEqual([201, 409]);
    const winner = responses.find((response) => response.status === 201)!;
    expect((await myTeam(app, event, user).expect(200)).body.id).toBe(winner.body.id);
    const { total, teams } = await publicTeams(event);
    expect(total).toBe('1');
    expect(teams.map((team) => team.members.map((member) => member.userId))).toEqual([[user.id]]);
  });

  it('should create exactly one team when two users create teams with the same name at once', async () => {
    const event = await createEvent(app);
    const [first, second] = await registeredUsers(app, event, 2);

    const responses = await Promise.all([create(event, first, 'Same Name'), create(event, second, 'same name')]);

    expect(statuses(responses)).toEqual([201, 409]);
    const loser = [first, second][responses.findIndex((response) => response.status === 409)];
    await myTeam(app, event, loser).expect(404);
    expect((await publicTeams(event)).total).toBe('1');
  });

  it('should put the user in exactly one team when they join two teams at once', async () => {
    const event = await createEvent(app);
    const [a, b] = [await createTeam(app, event, await registeredUser(app, event)), await createTeam(app, event, await registeredUser(app, event))];
    const user = await registeredUser(app, event);

    const responses = await Promise.all([join(event, user, a.inviteCode), join(event, user, b.inviteCode)]);

    expect(statuses(responses)).toEqual([200, 409]);
    const joined = responses.find((response) => response.status === 200)!.body.id;
    expect((await myTeam(app, event, user).expect(200)).body.id).toBe(joined);
    const sizes = (await publicTeams(event)).teams.map((team) => [team.id, team.members.length]);
    expect(sizes).toEqual(
      expect.arrayContaining([
        [joined, 2],
        [joined === a.id ? b.id : a.id, 1],
      ]),
    );
  });

  it('should never exceed maxSize when many users race for the last slot repeatedly', async () => {
    const event = await createEvent(app, { teams: { minSize: 1, maxSize: 2 } });
    for (let round = 0; round < 3; round += 1) {
      const { team, captain } = await teamWithMembers(app, event, 0);
      const joiners = await registeredUsers(app, event, 5);
      const responses = await Promise.all(joiners.map((user) => join(event, user, team.inviteCode)));
      expect(statuses(responses)).toEqual([200, 409, 409, 409, 409]);
      expect((await myTeam(app, event, captain).expect(200)).body.members).toHaveLength(2);
    }
  });

  it('should end consistent, never 500, when users withdraw while creating or joining a team', async () => {
    const event = await createEvent(app);
    const registrationPath = `/api/v1/events/${event.slug}/registrations/me`;
    for (let round = 0; round < 6; round += 1) {
      const user = await registeredUser(app, event);
      const { team } = await teamWithMembers(app, event, 0);
      const [withdrawn, entered] = await Promise.all([
        app.http().delete(registrationPath).set('Authorization', user.auth),
        round % 2 ? create(event, user, `Round ${round}`) : join(event, user, team.inviteCode),
      ]);
      // Either the withdrawal wins (the team write is refused 403) or the team write wins (withdrawing is refused 409).
      const inTeam = entered.status === 201 || entered.status === 200;
      expect([withdrawn.status, inTeam ? 'in' : entered.status]).toEqual(inTeam ? [409, 'in'] : [204, 403]);
      await myTeam(app, event, user).expect(inTeam ? 200 : 404);
      await app
        .http()
        .get(registrationPath)
        .set('Authorization', user.auth)
        .expect(inTeam ? 200 : 404);
    }
  });
});
