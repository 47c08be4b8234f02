import { randomUUID } from 'crypto';
import { TestApp } from '../utils/test-app';
import { registerOrganizer, TestUser } from './user.factory';

const HOUR = 3600 * 1000;

export interface TestEvent {
  id: string;
  slug: string;
  organiser: TestUser;
  body: Record<string, unknown>;
}

/** Creates an event with a unique slug, by a fresh organiser; starts in a day unless overridden. */
export async function createEvent(app: TestApp, overrides: Record<string, unknown> = {}, organiser?: TestUser): Promise<TestEvent> {
  const owner = organiser ?? (await registerOrganizer(app));
  const slug = `ev-${randomUUID().slice(0, 8)}`;
  const body = {
    slug,
    title: 'ASEAN Cyber Shield test',
    kind: 'ctf',
    startsAt: new Date(Date.now() + 24 * HOUR).toISOString(),
    endsAt: new Date(Date.now() + 48 * HOUR).toISOString(),
    teams: { minSize: 1, maxSize: 4 },
    ...overrides,
  };
  const response = await app.http().post('/api/v1/events').set('Authorization', owner.auth).send(body);
  if (response.status !== 201) throw new Error(`create event failed: ${response.status} ${JSON.stringify(response.body)}`);
  return { id: response.body.id, slug: response.body.slug, organiser: owner, body: response.body };
}

/** Dates relative to now, for windows in the past or the future. */
export const hoursFromNow = (hours: number) => new Date(Date.now() + hours * HOUR).toISOString();
