import { TestApp } from '../utils/test-app';
import { TestEvent } from './event.factory';
import { registerUser, TestUser } from './user.factory';

/** A team as members see it (`TeamDto`). */
export interface TestTeam {
  id: string;
  name: string;
  division: string | null;
  inviteCode: string;
  members: { userId: string; displayName: string; country: string; role: 'captain' | 'member' }[];
}

/** `/api/v1/events/:slug/teams` plus an optional suffix. */
export const teamsPath = (event: TestEvent, suffix = '') => `/api/v1/events/${event.slug}/teams${suffix}`;

/** A fresh user registered for the event (approved under the default auto approval). */
export async function registeredUser(app: TestApp, event: TestEvent, overrides: { country?: string; displayName?: string } = {}): Promise<TestUser> {
  const user = await registerUser(app, overrides);
  const response = await app.http().post(`/api/v1/events/${event.slug}/registrations`).set('Authorization', user.auth).send({});
  if (response.status !== 201) throw new Error(`registration failed: ${response.status} ${JSON.stringify(response.body)}`);
  return user;
}

/** `count` fresh registered users, made at once. */
export const registeredUsers = (app: TestApp, event: TestEvent, count: number) => Promise.all(Array.from({ length: count }, () => registeredUser(app, event)));

/** Creates a team with `captain` as captain; the name is unique unless given. */
export async function createTeam(app: TestApp, event: TestEvent, captain: TestUser, body: Record<string, unknown> = {}): Promise<TestTeam> {
  const response = await app
    .http()
    .post(teamsPath(event))
    .set('Authorization', captain.auth)
    .send({ name: `Team ${captain.id.slice(0, 8)}`, ...body });
  if (response.status !== 201) throw new Error(`create team failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as TestTeam;
}

/** Joins by invite code; fails the test unless the answer is 200. */
export async function joinTeam(app: TestApp, event: TestEvent, user: TestUser, inviteCode: string): Promise<TestTeam> {
  const response = await app.http().post(teamsPath(event, '/join')).set('Authorization', user.auth).send({ inviteCode });
  if (response.status !== 200) throw new Error(`join failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as TestTeam;
}

/** A team with a captain and `members` more members, all registered for the event. */
export async function teamWithMembers(app: TestApp, event: TestEvent, members: number): Promise<{ team: TestTeam; captain: TestUser; members: TestUser[] }> {
  const captain = await registeredUser(app, event);
  const team = await createTeam(app, event, captain);
  const users = await registeredUsers(app, event, members);
  // One after the other, so joinedAt orders them as listed.
  for (const user of users) await joinTeam(app, event, user, team.inviteCode);
  return { team, captain, members: users };
}

/** The caller's team (GET /teams/me) as the raw response. */
export const myTeam = (app: TestApp, event: TestEvent, user: TestUser) => app.http().get(teamsPath(event, '/me')).set('Authorization', user.auth);
