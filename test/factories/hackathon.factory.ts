import { randomUUID } from 'crypto';
import { TestApp } from '../utils/test-app';
import { createEvent, hoursFromNow, TestEvent } from './event.factory';
import { createTeam, registeredUser, TestTeam, teamWithMembers } from './team.factory';
import { registerUser, TestUser } from './user.factory';

/** A hackathon running now (started an hour ago, ends in a day); teams stay open to joins. */
export function runningHackathon(app: TestApp, overrides: Record<string, unknown> = {}): Promise<TestEvent> {
  return createEvent(app, {
    kind: 'hackathon',
    startsAt: hoursFromNow(-1),
    endsAt: hoursFromNow(24),
    teams: { minSize: 1, maxSize: 4, lockAtStart: false },
    ...overrides,
  });
}

/** `/api/v1/events/:slug` plus a suffix. */
export const eventPath = (event: TestEvent, suffix: string) => `/api/v1/events/${event.slug}${suffix}`;

/** PUT /hackathon as the organiser; fails the test unless 200. */
export async function configure(app: TestApp, event: TestEvent, body: Record<string, unknown>): Promise<Record<string, unknown>> {
  const response = await app.http().put(eventPath(event, '/hackathon')).set('Authorization', event.organiser.auth).send(body);
  if (response.status !== 200) throw new Error(`settings failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

/** Moves the event's end into the past (submissions close), keeping startsAt before it. */
export async function endEvent(app: TestApp, event: TestEvent): Promise<void> {
  await app
    .http()
    .patch(`/api/v1/events/${event.slug}`)
    .set('Authorization', event.organiser.auth)
    .send({ startsAt: hoursFromNow(-3), endsAt: new Date(Date.now() - 1000).toISOString() })
    .expect(200);
}

export interface HackTeam {
  team: TestTeam;
  captain: TestUser;
  members: TestUser[];
}

/** A team of `size` registered users (the captain included). */
export const hackTeam = (app: TestApp, event: TestEvent, size = 1): Promise<HackTeam> => teamWithMembers(app, event, size - 1);

/** POST /projects as `user` (raw response). */
export const postProject = (app: TestApp, event: TestEvent, user: TestUser, body: Record<string, unknown> = {}) =>
  app
    .http()
    .post(eventPath(event, '/projects'))
    .set('Authorization', user.auth)
    .send({ title: `Project ${randomUUID().slice(0, 6)}`, summary: 'It helps.', repoUrl: 'https://github.com/arena/demo', ...body });

/** A one-member team (captain from `country`, default VN) with a project; fails the test unless it is created. */
export async function teamWithProject(
  app: TestApp,
  event: TestEvent,
  body: Record<string, unknown> = {},
  country?: string,
): Promise<HackTeam & { project: { id: string; title: string } }> {
  const captain = await registeredUser(app, event, country ? { country } : {});
  const team = await createTeam(app, event, captain);
  const response = await postProject(app, event, captain, body);
  if (response.status !== 201) throw new Error(`create project failed: ${response.status} ${JSON.stringify(response.body)}`);
  return { team, captain, members: [], project: response.body };
}

/** A fresh user made a judge of the event by its organiser. */
export async function addJudge(app: TestApp, event: TestEvent, country = 'SG'): Promise<TestUser> {
  const judge = await registerUser(app, { country });
  await app.http().post(eventPath(event, '/staff')).set('Authorization', event.organiser.auth).send({ email: judge.email, role: 'judge' }).expect(201);
  return judge;
}

export async function addCriterion(
  app: TestApp,
  event: TestEvent,
  body: { name: string; weight: number; min: number; max: number; description?: string },
): Promise<{ id: string }> {
  const response = await app.http().post(eventPath(event, '/criteria')).set('Authorization', event.organiser.auth).send(body);
  if (response.status !== 201) throw new Error(`criterion failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

/** PUT /projects/:id/scores as `judge` (raw response). */
export const putScores = (app: TestApp, event: TestEvent, judge: TestUser, projectId: string, scores: Record<string, unknown>, comment?: string) =>
  app
    .http()
    .put(eventPath(event, `/projects/${projectId}/scores`))
    .set('Authorization', judge.auth)
    .send({ scores, ...(comment === undefined ? {} : { comment }) });

/** POST /judging/conflicts as the organiser for `judge`. */
export const declareConflict = (app: TestApp, event: TestEvent, judge: TestUser, teamId: string) =>
  app.http().post(eventPath(event, '/judging/conflicts')).set('Authorization', event.organiser.auth).send({ judgeId: judge.id, teamId }).expect(201);

export const assign = (app: TestApp, event: TestEvent, judgesPerProject: number) =>
  app.http().post(eventPath(event, '/judging/assign')).set('Authorization', event.organiser.auth).send({ judgesPerProject });

/** Zips for archive uploads: the shared test writer (entries stored, names written as given, also unsafe ones). */
export { buildZip } from '../utils/zip-writer';

/** Parses RFC 4180 CSV (quoted cells, doubled quotes, CRLF), dropping a leading byte order mark. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const source = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < source.length; i++) {
    const char = source[i];
    if (quoted) {
      if (char === '"' && source[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(cell);
      cell = '';
    } else if (char === '\r' && source[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += char;
  }
  if (cell !== '' || row.length) rows.push([...row, cell]);
  return rows;
}
