import { randomUUID } from 'crypto';
import { TestApp } from '../utils/test-app';
import { createEvent, hoursFromNow, TestEvent } from './event.factory';
import { TestTeam, teamWithMembers } from './team.factory';
import { TestUser } from './user.factory';

/** A CTF event already running (started an hour ago, ends in a day); teams stay open to joins. */
export function runningCtf(app: TestApp, overrides: Record<string, unknown> = {}): Promise<TestEvent> {
  return createEvent(app, {
    kind: 'ctf',
    startsAt: hoursFromNow(-1),
    endsAt: hoursFromNow(24),
    teams: { minSize: 1, maxSize: 4, lockAtStart: false },
    ...overrides,
  });
}

export interface CtfTeam {
  team: TestTeam;
  captain: TestUser;
  members: TestUser[];
}

/** A team of `size` registered users (the captain included). */
export async function ctfTeam(app: TestApp, event: TestEvent, size = 1): Promise<CtfTeam> {
  return teamWithMembers(app, event, size - 1);
}

export const challengesPath = (event: TestEvent, suffix = '') => `/api/v1/events/${event.slug}/challenges${suffix}`;

/** Creates a challenge as the event's organiser; a standard 100-point one with flag `ACS{<name>}` unless overridden. */
export async function createChallenge(app: TestApp, event: TestEvent, body: Record<string, unknown> = {}): Promise<{ id: string; name: string; flag: string }> {
  const name = (body.name as string) ?? `chal-${randomUUID().slice(0, 8)}`;
  const flag = `ACS{${name}}`;
  const response = await app
    .http()
    .post(challengesPath(event))
    .set('Authorization', event.organiser.auth)
    .send({ name, category: 'web', description: 'test', type: 'standard', value: 100, flags: [{ type: 'static', content: flag }], ...body });
  if (response.status !== 201) throw new Error(`create challenge failed: ${response.status} ${JSON.stringify(response.body)}`);
  return { id: response.body.id, name, flag };
}

/** Submits a flag; returns the raw response. */
export const attempt = (app: TestApp, event: TestEvent, user: TestUser, challengeId: string, submission: string) =>
  app
    .http()
    .post(challengesPath(event, `/${challengeId}/attempts`))
    .set('Authorization', user.auth)
    .send({ submission });

/** The public board of the event. */
export const leaderboard = (app: TestApp, event: TestEvent, query = '', auth?: string) => {
  const request = app.http().get(`/api/v1/events/${event.slug}/leaderboard${query}`);
  return auth ? request.set('Authorization', auth) : request;
};
