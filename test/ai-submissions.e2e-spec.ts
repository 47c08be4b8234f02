import { FractionSplit } from '@arena/scoring';
import { INestApplicationContext } from '@nestjs/common';
import { randomUUID } from 'crypto';
import { blobFilesWith, createTask, endEvent, labelledTruth, postSubmission, runningAiEvent, settled, submitAndSettle, viewSubmission } from './factories/ai.factory';
import { ctfTeam, leaderboard } from './factories/ctf.factory';
import { createTeam, registeredUser } from './factories/team.factory';
import { createTestApp, TestApp } from './utils/test-app';
import { startTestWorker } from './utils/test-worker';

const ids = (count: number) => Array.from({ length: count }, (_, index) => `r${index + 1}`);
const csv = (header: string, rows: Array<[string, string]>) => [header, ...rows.map((row) => row.join(','))].join('\n') + '\n';
const splits = (publicRows: number, privateRows: number) => [...Array(publicRows).fill('public'), ...Array(privateRows).fill('private')];
const TASK = { name: 'task', idColumn: 'id', targetColumn: 'label' };

describe('ai submissions (upload → worker → scores, quotas, finals, boards)', () => {
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

  async function taskWith(fields: Record<string, string>, truth: string, eventOverrides: Record<string, unknown> = {}) {
    const event = await runningAiEvent(app, eventOverrides);
    const task = await createTask(app, event, { ...TASK, ...fields }, truth);
    const { captain, team } = await ctfTeam(app, event, 1);
    return { event, task, captain, team };
  }

  // Hand-computed: see each comment. Public rows first, then private ones (splitColumn "usage").
  it.each<[string, Record<string, string>, string[], string[], number, number, number]>([
    // public a,b,a vs a,a,a: 2/3; private b,a,b all right.
    ['accuracy', {}, ['a', 'b', 'a', 'b', 'a', 'b'], ['a', 'a', 'a', 'b', 'a', 'b'], 3, 2 / 3, 1],
    // public: F1(a) = 2/3, F1(b) = 4/5 → 11/15; private: a 1, b 1, c 2/3, d (only predicted) 0 → 2/3.
    ['macro_f1', {}, ['a', 'a', 'b', 'b', 'a', 'b', 'c', 'c'], ['a', 'b', 'b', 'b', 'a', 'b', 'c', 'd'], 4, 11 / 15, 2 / 3],
    // public |1|,0,|2| → 1; private 3,0 → 1.5.
    ['mae', {}, ['1', '2', '3', '10', '20'], ['2', '2', '5', '7', '20.0'], 3, 1, 1.5],
    // public −(ln .8 + ln .6)/2; private p = 0 for y = 1 is clipped to 1e-15: −ln(1e-15)/2.
    ['log_loss', {}, ['1', '0', '1', '0'], ['0.8', '0.4', '0', '0'], 2, -(Math.log(0.8) + Math.log(0.6)) / 2, -Math.log(1e-15) / 2],
    // public: pairs (.9>.1)(.9>.4)(.4>.1)(.4=.4 → ½) → 3.5/4; private: .2 vs .5, .1 → 1/2.
    ['roc_auc', {}, ['1', '0', '1', '0', '1', '0', '0'], ['.9', '.1', '.4', '.4', '0.2', '0.5', '1e-1'], 4, 0.875, 0.5],
    // k=3. public: (1 + 2/3)/2 = 5/6 and (1/3)/1 → 7/12; private: (1 + 2/3)/3 = 5/9 (repeat skipped, 4th cut) and empty y → 0 → 5/18.
    ['map_at_k', { k: '3' }, ['a b', 'x', 'a b c d', ''], ['a c b', 'y z x', 'a a b e', 'a'], 2, 7 / 12, 5 / 18],
  ])('should score %s on both splits with the hand-computed values', async (metric, extra, truth, predicted, publicRows, publicScore, privateScore) => {
    const { event, task, captain } = await taskWith({ metric, splitColumn: 'usage', ...extra }, labelledTruth(truth, splits(publicRows, truth.length - publicRows)));
    const done = await submitAndSettle(
      app,
      event,
      captain,
      task.id,
      csv(
        'id,label',
        ids(truth.length).map((id, i) => [id, predicted[i]]),
      ),
    );
    expect(done).toMatchObject({ status: 'scored', failureReason: null, privateScore: null, selectedFinal: false });
    expect(done.publicScore).toBeCloseTo(publicScore, 12);
    const organiser = await viewSubmission(app, event.organiser.auth, done.id).expect(200);
    expect(organiser.body.privateScore).toBeCloseTo(privateScore, 12);
  });

  it.each([
    ['rmse', { publicFraction: '0.5' }, 0.5],
    ['mae', {}, 0.3], // neither splitColumn nor publicFraction: 0.3
  ])('should split the rows by the seeded fraction when %s has no split column', async (metric, fields, fraction) => {
    const rows = ids(40);
    const { event, task, captain } = await taskWith(
      { metric, ...fields },
      csv(
        'id,label',
        rows.map((id, i) => [id, String(i * 10)]),
      ),
    );
    // Errors −1, 0, +1 in turn.
    const error = (i: number) => (i % 3) - 1;
    const done = await submitAndSettle(
      app,
      event,
      captain,
      task.id,
      csv(
        'id,label',
        rows.map((id, i) => [id, String(i * 10 + error(i))]),
      ),
    );
    const split = new FractionSplit(task.id, fraction);
    const expected = (which: string) => {
      const errors = rows
        .map((id, i) => ({ id, e: error(i) }))
        .filter((row) => split.splitOf(row.id) === which)
        .map((row) => row.e);
      return metric === 'rmse' ? Math.sqrt(errors.reduce((sum, e) => sum + e * e, 0) / errors.length) : errors.reduce((sum, e) => sum + Math.abs(e), 0) / errors.length;
    };
    expect(done.status).toBe('scored');
    expect(done.publicScore).toBeCloseTo(expected('public'), 12);
    expect((await viewSubmission(app, event.organiser.auth, done.id)).body.privateScore).toBeCloseTo(expected('private'), 12);
  });

  it('should fail a one-class roc_auc split with a message rather than a score', async () => {
    const { event, task, captain } = await taskWith({ metric: 'roc_auc', splitColumn: 'usage' }, labelledTruth(['1', '1', '0', '1'], splits(2, 2)));
    const done = await submitAndSettle(
      app,
      event,
      captain,
      task.id,
      csv(
        'id,label',
        ids(4).map((id) => [id, '0.5']),
      ),
    );
    expect(done).toMatchObject({ status: 'failed', failureReason: 'invalid-file', publicScore: null });
    expect(done.report.messages.join(' ')).toMatch(/one class/i);
  });

  describe('malformed prediction files', () => {
    // Truth values that no message may echo.
    const truth = labelledTruth(['7001.5', '7002.5', '7003.5', '7004.5'], splits(2, 2));
    const good = (values = ['1', '2', '3', '4']) =>
      csv(
        'id,label',
        ids(4).map((id, i) => [id, values[i]]),
      );
    const cases: Array<[string, string | Buffer, RegExp]> = [
      [
        'an id is missing',
        csv('id,label', [
          ['r1', '1'],
          ['r2', '2'],
          ['r3', '3'],
        ]),
        /3 data row\(s\), expected 4 .*id "r4" is missing/,
      ],
      [
        'an id is repeated',
        csv('id,label', [
          ['r1', '1'],
          ['r2', '2'],
          ['r2', '3'],
          ['r4', '4'],
        ]),
        /row 3 \(id "r2"\): duplicate id \(first on row 2\)/,
      ],
      [
        'an id is unknown',
        csv('id,label', [
          ['r1', '1'],
          ['r2', '2'],
          ['zz', '3'],
          ['r4', '4'],
        ]),
        /row 3 \(id "zz"\): unknown id/,
      ],
      ['there is one row too many', good() + 'r5,5\n', /row 5 \(id "r5"\)/],
      ['a row has 3 fields', good().replace('r2,2', 'r2,2,9'), /row 2 \(id "r2"\): has 3 field\(s\)/],
      ['a value is NaN', good(['1', 'NaN', '3', '4']), /row 2 \(id "r2"\): prediction "NaN" is not a finite number/],
      ['a value is Inf', good(['1', '2', 'Inf', '4']), /row 3 \(id "r3"\): .*not a finite number/],
      ['a value is -Infinity', good(['-Infinity', '2', '3', '4']), /row 1 \(id "r1"\): .*not a finite number/],
      ['a value is 1e309', good(['1', '2', '3', '1e309']), /row 4 \(id "r4"\): prediction "1e309" is not a finite number/],
      ['a value is empty', good(['1', '', '3', '4']), /row 2 \(id "r2"\)/],
      ['the delimiter is ;', good().replace(/,/g, ';'), /";" as its delimiter/],
      ['the header is wrong', good().replace('id,label', 'id,prediction'), /header must be exactly the columns "id" and "label".*unexpected "prediction"/],
      ['the file is not UTF-8', Buffer.concat([Buffer.from('id,label\nr1,1\nr2,2\nr3,'), Buffer.from([0xff, 0xfe]), Buffer.from('\nr4,4\n')]), /UTF-8/],
      ['the file is empty', '', /empty/],
    ];

    it('should fail each with a message naming the row and id, refund it, and accept a BOM+CRLF file', async () => {
      const { event, task, captain } = await taskWith({ metric: 'rmse', splitColumn: 'usage', maxDailySubmissions: '1' }, truth);
      for (const [problem, content, message] of cases) {
        const done = await submitAndSettle(app, event, captain, task.id, content);
        expect({ problem, status: done.status, reason: done.failureReason }).toEqual({ problem, status: 'failed', reason: 'invalid-file' });
        expect(done.report.messages.join(' ')).toMatch(message);
        expect(JSON.stringify(done)).not.toMatch(/700\d\.5/);
      }
      // None of them counted toward the daily limit of 1: a BOM + CRLF file is accepted and scored.
      const bom = `\uFEFF${good(['7000.5', '7002.5', '7003.5', '7004.5']).replace(/\n/g, '\r\n')}`;
      const done = await submitAndSettle(app, event, captain, task.id, bom);
      expect(done).toMatchObject({ status: 'scored' });
      expect(done.publicScore).toBeCloseTo(Math.sqrt(1 / 2), 12);
      const refused = await postSubmission(app, event, captain, task.id, good()).expect(429);
      expect(refused.body.code).toBe('daily-limit');
    }, 120_000);
  });

  it('should answer 429 with Retry-After until 00:00 UTC when the daily limit is reached', async () => {
    const { event, task, captain } = await taskWith({ metric: 'accuracy', splitColumn: 'usage', maxDailySubmissions: '2' }, labelledTruth(['a', 'b'], splits(1, 1)));
    for (let i = 0; i < 2; i += 1) await postSubmission(app, event, captain, task.id, 'id,label\nr1,a\nr2,a\n').expect(202);
    const refused = await postSubmission(app, event, captain, task.id, 'id,label\nr1,a\nr2,a\n').expect(429);
    const now = new Date();
    const toMidnight = (Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1) - now.getTime()) / 1000;
    expect(Math.abs(Number(refused.headers['retry-after']) - toMidnight)).toBeLessThan(10);
  });

  it('should accept exactly maxSubmissions of 8 concurrent uploads and refund a failed one', async () => {
    // maxSubmissions 1, below the in-flight cap of 2 (ai-integrity tests that one), so every refusal is this limit's.
    const { event, task, captain } = await taskWith({ metric: 'accuracy', splitColumn: 'usage', maxSubmissions: '1' }, labelledTruth(['a', 'b'], splits(1, 1)));
    const responses = await Promise.all(Array.from({ length: 8 }, () => postSubmission(app, event, captain, task.id, 'id,label\nr1,a\nr2,a\n')));
    expect(responses.map((response) => response.status).sort()).toEqual([202, 429, 429, 429, 429, 429, 429, 429]);
    expect(new Set(responses.filter((response) => response.status === 429).map((response) => response.body.code))).toEqual(new Set(['submission-limit']));
    const list = await app.http().get(`/api/v1/events/${event.slug}/tasks/${task.id}/submissions`).set('Authorization', event.organiser.auth).expect(200);
    expect(list.headers['x-total-count']).toBe('1');

    const second = await taskWith({ name: 'refund', metric: 'accuracy', splitColumn: 'usage', maxSubmissions: '1' }, labelledTruth(['a', 'b'], splits(1, 1)));
    expect((await submitAndSettle(app, second.event, second.captain, second.task.id, 'id,label\nr1,a\n')).status).toBe('failed');
    expect((await submitAndSettle(app, second.event, second.captain, second.task.id, 'id,label\nr1,a\nr2,b\n')).status).toBe('scored');
    await postSubmission(app, second.event, second.captain, second.task.id, 'id,label\nr1,a\nr2,b\n').expect(429);
  });

  it('should answer 400 only when the request has no file, and 413 over MAX_SUBMISSION_BYTES', async () => {
    const { event, task, captain } = await taskWith({ metric: 'accuracy', splitColumn: 'usage' }, labelledTruth(['a', 'b'], splits(1, 1)));
    const path = `/api/v1/events/${event.slug}/tasks/${task.id}/submissions`;
    expect((await app.http().post(path).set('Authorization', captain.auth).field('note', 'x').expect(400)).body.code).toBe('missing-file');
    await app.http().post(path).set('Authorization', captain.auth).send({ file: 'id,label' }).expect(400);
    // A second file part is not the submission and is not kept.
    const extra = `id,label\nr1,${randomUUID()}\nr2,b\n`;
    await app
      .http()
      .post(path)
      .set('Authorization', captain.auth)
      .attach('file', Buffer.from('id,label\nr1,a\nr2,b\n'), 'p.csv')
      .attach('file', Buffer.from(extra), 'q.csv')
      .expect(202);
    expect(blobFilesWith(extra)).toEqual([]);
    const small = await createTestApp({ MAX_SUBMISSION_BYTES: '1024' });
    try {
      const big = `id,label\nr1,a\nr2,b\n${'#'.repeat(2048)}`;
      await small.http().post(path).set('Authorization', captain.auth).attach('file', Buffer.from(big), 'p.csv').expect(413);
      await small.http().post(path).set('Authorization', captain.auth).attach('file', Buffer.from('id,label\nr1,a\nr2,b\n'), 'p.csv').expect(202);
    } finally {
      await small.close();
    }
  });

  it("should answer 404 to another team and to another event's organiser asking for a submission", async () => {
    const { event, task, captain } = await taskWith({ metric: 'accuracy', splitColumn: 'usage' }, labelledTruth(['a', 'b'], splits(1, 1)));
    const done = await submitAndSettle(app, event, captain, task.id, 'id,label\nr1,a\nr2,b\n');
    const other = await ctfTeam(app, event, 1);
    const stranger = (await runningAiEvent(app)).organiser;
    await viewSubmission(app, other.captain.auth, done.id).expect(404);
    await viewSubmission(app, stranger.auth, done.id).expect(404);
    await app.http().put(`/api/v1/submissions/${done.id}/final`).set('Authorization', other.captain.auth).send({ final: true }).expect(404);
    await app.http().get(`/api/v1/submissions/${done.id}`).expect(401);
    await viewSubmission(app, event.organiser.auth, done.id).expect(200);
    const theirs = await app.http().get(`/api/v1/events/${event.slug}/tasks/${task.id}/submissions`).set('Authorization', other.captain.auth).expect(200);
    expect(theirs.body).toEqual([]);
  });

  it('should keep at most 2 finals per team and refuse an unscored one with 409', async () => {
    const { event, task, captain } = await taskWith({ metric: 'accuracy', splitColumn: 'usage' }, labelledTruth(['a', 'b'], splits(1, 1)));
    const scored = [];
    for (let i = 0; i < 3; i += 1) scored.push(await submitAndSettle(app, event, captain, task.id, 'id,label\nr1,a\nr2,b\n'));
    const failed = await submitAndSettle(app, event, captain, task.id, 'id,label\nr1,a\n');
    const mark = (id: string, final: boolean) => app.http().put(`/api/v1/submissions/${id}/final`).set('Authorization', captain.auth).send({ final });
    expect((await mark(scored[0].id, true).expect(200)).body.selectedFinal).toBe(true);
    await mark(scored[1].id, true).expect(200);
    expect((await mark(scored[2].id, true).expect(409)).body.code).toBe('too-many-final');
    await mark(failed.id, true).expect(409);
    await mark(scored[0].id, false).expect(200);
    await mark(scored[2].id, true).expect(200);
    const list = await app.http().get(`/api/v1/events/${event.slug}/tasks/${task.id}/submissions`).set('Authorization', captain.auth).expect(200);
    expect(
      list.body
        .filter((row: { selectedFinal: boolean }) => row.selectedFinal)
        .map((row: { id: string }) => row.id)
        .sort(),
    ).toEqual([scored[1].id, scored[2].id].sort());
  });

  it('should rank the public board during the event and reveal private scores and the private board after it ends', async () => {
    // Truth: every label "a", rows r1..r4 public, r5..r8 private; a prediction's scores are its share of "a"s on each half.
    const { event, task, captain: alpha, team: alphaTeam } = await taskWith({ metric: 'accuracy', splitColumn: 'usage' }, labelledTruth(Array(8).fill('a'), splits(4, 4)));
    const beta = await ctfTeam(app, event, 1);
    const gamma = await ctfTeam(app, event, 1);
    const predict = (pub: number, priv: number) =>
      csv(
        'id,label',
        ids(8).map((id, i) => [id, (i < 4 ? i < pub : i - 4 < priv) ? 'a' : 'b']),
      );
    const submit = (user: typeof alpha, pub: number, priv: number) => submitAndSettle(app, event, user, task.id, predict(pub, priv));
    await submit(alpha, 4, 1); // 1.00 / 0.25
    await submit(alpha, 2, 4); // 0.50 / 1.00 (not among alpha's 2 best public ones)
    await submit(alpha, 3, 2); // 0.75 / 0.50
    const betaFinal = await submit(beta.captain, 1, 3); // 0.25 / 0.75, selected as final
    await submit(beta.captain, 4, 0); // 1.00 / 0.00, public tie with alpha's (later: ranked after)
    const gammaOnly = await submit(gamma.captain, 2, 4); // 0.50 / 1.00
    await app.http().put(`/api/v1/submissions/${betaFinal.id}/final`).set('Authorization', beta.captain.auth).send({ final: true }).expect(200);

    // Boards are recomputed by the leaderboard job after each scoring: wait for the last one.
    const boardSettles = async (query: string, expected: unknown[]) => {
      let rows: unknown[] = [];
      for (const deadline = Date.now() + 15_000; Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 200))) {
        rows = (await leaderboard(app, event, query).expect(200)).body.rows.map((row: any) => [row.rank, row.teamId, row.score]);
        if (JSON.stringify(rows) === JSON.stringify(expected)) break;
      }
      expect(rows).toEqual(expected);
    };
    await boardSettles(`?task=${task.name}`, [
      [1, alphaTeam.id, 1],
      [2, beta.team.id, 1],
      [3, gamma.team.id, 0.5],
    ]);
    await leaderboard(app, event, `?task=${task.name}&board=private`, alpha.auth).expect(403);
    expect((await viewSubmission(app, gamma.captain.auth, gammaOnly.id)).body.privateScore).toBeNull();

    await endEvent(app, event);
    expect((await viewSubmission(app, gamma.captain.auth, gammaOnly.id)).body.privateScore).toBe(1);
    await boardSettles(`?task=${task.id}&board=private`, [
      [1, gamma.team.id, 1],
      [2, beta.team.id, 0.75],
      [3, alphaTeam.id, 0.5],
    ]);
    // The window is closed: no more uploads.
    expect((await postSubmission(app, event, alpha, task.id, predict(4, 4)).expect(403)).body.code).toBe('outside-window');
  }, 60_000);

  it('should rank each division of a task board on its own when ?division= is given', async () => {
    const event = await runningAiEvent(app, { divisions: ['general', 'student'] });
    const task = await createTask(app, event, { ...TASK, metric: 'accuracy', splitColumn: 'usage' }, labelledTruth(Array(5).fill('a'), splits(4, 1)));
    const teamIn = async (division: string) => {
      const captain = await registeredUser(app, event);
      return { captain, team: await createTeam(app, event, captain, { division }) };
    };
    const [g1, s1, g2, s2] = await Promise.all([teamIn('general'), teamIn('student'), teamIn('general'), teamIn('student')]);
    // Each team's share of right labels on the 4 public rows: g1 4/4, s1 3/4, g2 2/4, s2 1/4.
    for (const [who, right] of [
      [g1, 4],
      [s1, 3],
      [g2, 2],
      [s2, 1],
    ] as const) {
      await submitAndSettle(
        app,
        event,
        who.captain,
        task.id,
        csv(
          'id,label',
          ids(5).map((id, i) => [id, i < right ? 'a' : 'b']),
        ),
      );
    }
    const board = async (query: string) => {
      let rows: unknown[] = [];
      for (const deadline = Date.now() + 15_000; Date.now() < deadline && rows.length < 2; await new Promise((resolve) => setTimeout(resolve, 200))) {
        const body = (await leaderboard(app, event, query).expect(200)).body;
        rows = body.total === (query.includes('division') ? 2 : 4) ? body.rows.map((row: any) => [row.rank, row.teamId, row.score, row.division]) : [];
      }
      return rows;
    };
    expect(await board(`?task=${task.name}`)).toEqual([
      [1, g1.team.id, 1, 'general'],
      [2, s1.team.id, 0.75, 'student'],
      [3, g2.team.id, 0.5, 'general'],
      [4, s2.team.id, 0.25, 'student'],
    ]);
    expect(await board(`?task=${task.name}&division=student`)).toEqual([
      [1, s1.team.id, 0.75, 'student'],
      [2, s2.team.id, 0.25, 'student'],
    ]);
    expect(await board(`?division=general`)).toEqual([
      [1, g1.team.id, 1, 'general'],
      [2, g2.team.id, 0.5, 'general'],
    ]);
    expect((await leaderboard(app, event, '?division=elders').expect(400)).body.code).toBe('unknown-division');
  }, 60_000);

  it('should keep a submission queued until a worker takes it, then score it', async () => {
    await worker.close();
    const { event, task, captain } = await taskWith({ metric: 'accuracy', splitColumn: 'usage' }, labelledTruth(['a', 'b'], splits(1, 1)));
    const accepted = await postSubmission(app, event, captain, task.id, 'id,label\nr1,a\nr2,b\n').expect(202);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await viewSubmission(app, captain.auth, accepted.body.id)).body).toMatchObject({ status: 'queued', publicScore: null });
    worker = await startTestWorker();
    expect(await settled(app, captain, accepted.body.id)).toMatchObject({ status: 'scored', publicScore: 1 });
  });
});
