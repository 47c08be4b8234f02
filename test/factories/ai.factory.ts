import { createHash } from 'crypto';
import { existsSync, readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { TestApp } from '../utils/test-app';
import { eventually } from '../utils/test-worker';
import { createEvent, hoursFromNow, TestEvent } from './event.factory';
import { TestUser } from './user.factory';

/** A running AI competition (started an hour ago, ends in a day), teams open to joins. */
export function runningAiEvent(app: TestApp, overrides: Record<string, unknown> = {}): Promise<TestEvent> {
  return createEvent(app, {
    kind: 'ai',
    startsAt: hoursFromNow(-1),
    endsAt: hoursFromNow(24),
    teams: { minSize: 1, maxSize: 4, lockAtStart: false },
    ...overrides,
  });
}

export interface TaskUpload {
  fields: Record<string, string>;
  files: Record<string, { content: string | Buffer; filename: string }>;
}

/** Creates a task as the event's organiser; returns the raw response. */
export function postTask(app: TestApp, event: TestEvent, upload: TaskUpload) {
  let request = app.http().post(`/api/v1/events/${event.slug}/tasks`).set('Authorization', event.organiser.auth);
  for (const [name, value] of Object.entries(upload.fields)) request = request.field(name, value);
  for (const [name, file] of Object.entries(upload.files)) request = request.attach(name, Buffer.from(file.content), file.filename);
  return request;
}

/** Uploads a submission file; returns the raw response. */
export function postSubmission(
  app: TestApp,
  event: TestEvent,
  user: TestUser,
  taskId: string,
  content: string | Buffer,
  filename = 'predictions.csv',
  fields: Record<string, string> = {},
) {
  let request = app.http().post(`/api/v1/events/${event.slug}/tasks/${taskId}/submissions`).set('Authorization', user.auth);
  for (const [name, value] of Object.entries(fields)) request = request.field(name, value);
  return request.attach('file', Buffer.from(content), filename);
}

/** Waits until the worker has scored or failed the submission; returns its body. */
export function settled(app: TestApp, user: TestUser, id: string, timeoutMs = 30_000): Promise<Record<string, any>> {
  return eventually(async () => {
    const response = await app.http().get(`/api/v1/submissions/${id}`).set('Authorization', user.auth);
    return ['scored', 'failed'].includes(response.body.status) ? response.body : undefined;
  }, timeoutMs);
}

/** A small labelled ground truth with an explicit split column: ids r1..rN. */
export function labelledTruth(labels: string[], splits: string[]): string {
  return ['id,label,usage', ...labels.map((label, index) => `r${index + 1},${label},${splits[index]}`)].join('\n') + '\n';
}

export function predictionsCsv(labels: string[]): string {
  return ['id,label', ...labels.map((label, index) => `r${index + 1},${label}`)].join('\n') + '\n';
}

// ---- Helpers for the AI end-to-end suites (ai-tasks, ai-submissions, ai-code, ai-hostile, ai-recovery) ----

/** A file of test/fixtures/ai. */
export const aiFixture = (name: string): string => readFileSync(join(__dirname, '..', 'fixtures', 'ai', name), 'utf8');

/** A task from fields and a ground truth (plus scorer/testInputs files); fails the test unless 201. */
export async function createTask(app: TestApp, event: TestEvent, fields: Record<string, string>, truth: string, files: TaskUpload['files'] = {}): Promise<Record<string, any>> {
  const response = await postTask(app, event, { fields, files: { groundTruth: { content: truth, filename: 'truth.csv' }, ...files } });
  if (response.status !== 201) throw new Error(`create task failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

/** Uploads and waits for the worker's verdict; fails the test unless the upload is accepted (202). */
export async function submitAndSettle(
  app: TestApp,
  event: TestEvent,
  user: TestUser,
  taskId: string,
  content: string | Buffer,
  filename = 'predictions.csv',
  fields: Record<string, string> = {},
  timeoutMs = 30_000,
): Promise<Record<string, any>> {
  const response = await postSubmission(app, event, user, taskId, content, filename, fields);
  if (response.status !== 202) throw new Error(`submission refused: ${response.status} ${JSON.stringify(response.body)}`);
  return settled(app, user, response.body.id, timeoutMs);
}

/** A submission as `auth` sees it (raw response). */
export const viewSubmission = (app: TestApp, auth: string, id: string) => app.http().get(`/api/v1/submissions/${id}`).set('Authorization', auth);

/** Moves the event's end to the past (its start stays before), so private scores are revealed. */
export async function endEvent(app: TestApp, event: TestEvent): Promise<void> {
  const response = await app
    .http()
    .patch(`/api/v1/events/${event.slug}`)
    .set('Authorization', event.organiser.auth)
    .send({ startsAt: hoursFromNow(-2), endsAt: new Date(Date.now() - 1000).toISOString() });
  if (response.status !== 200) throw new Error(`ending the event failed: ${response.status} ${JSON.stringify(response.body)}`);
}

/** The values a sandboxed program must never get hold of (the harness's secrets). */
export function harnessSecrets(): string[] {
  // (The harness's PostgreSQL password is the word "arena": the full URLs stand for it.)
  return [process.env.JWT_SECRET, process.env.DATABASE_URL, process.env.REDIS_URL, process.env.ARENA_ADMIN_PASSWORD].filter((value): value is string => !!value);
}

/** The secrets (and any extra values, e.g. ground-truth labels) found in a submission's JSON. */
export function leakedIn(body: unknown, extra: string[] = []): string[] {
  const text = JSON.stringify(body);
  return [...harnessSecrets(), ...extra].filter((secret) => text.includes(secret));
}

/** The files of BLOB_DIR holding exactly this content (blobs are filed under the first two hex digits of their sha256). */
export function blobFilesWith(content: string): string[] {
  const folder = join(process.env.BLOB_DIR as string, createHash('sha256').update(content).digest('hex').slice(0, 2));
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .map((name) => join(folder, name))
    .filter((path) => readFileSync(path, 'utf8') === content);
}
