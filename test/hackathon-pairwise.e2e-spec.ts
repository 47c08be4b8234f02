import { replayVotes } from '@arena/scoring';
import { TestEvent } from './factories/event.factory';
import { addJudge, configure, eventPath, putScores, runningHackathon, teamWithProject } from './factories/hackathon.factory';
import { TestUser } from './factories/user.factory';
import { createTestApp, TestApp } from './utils/test-app';

interface Pair {
  prev: { id: string } | null;
  next: { id: string } | null;
}

interface State {
  votes: number;
  projects: { projectId: string; mu: number; sigmaSq: number }[];
  judges: { judgeId: string; alpha: number; beta: number; votes: number }[];
}

describe('hackathon pairwise judging (Crowd-BT)', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp();
  });

  afterAll(async () => {
    await app.close();
  });

  const next = (event: TestEvent, judge: TestUser) => app.http().get(eventPath(event, '/judging/pairwise/next')).set('Authorization', judge.auth);
  const vote = (event: TestEvent, judge: TestUser, winnerId: string, loserId: string) =>
    app.http().post(eventPath(event, '/judging/pairwise/votes')).set('Authorization', judge.auth).send({ winnerId, loserId });
  const undo = (event: TestEvent, judge: TestUser) => app.http().delete(eventPath(event, '/judging/pairwise/votes/last')).set('Authorization', judge.auth);
  const state = async (event: TestEvent): Promise<State> =>
    (await app.http().get(eventPath(event, '/judging/pairwise/state')).set('Authorization', event.organiser.auth).expect(200)).body;
  const beliefOf = (snapshot: State, projectId: string) => snapshot.projects.find((project) => project.projectId === projectId)!;

  async function pairwiseEvent(projects: number) {
    const event = await runningHackathon(app);
    await configure(app, event, { mode: 'pairwise' });
    const made = [];
    for (let index = 0; index < projects; index++) made.push(await teamWithProject(app, event, { title: `P${index}` }));
    return { event, made };
  }

  it('should move the beliefs as computed by hand when a judge votes from the priors', async () => {
    const { event } = await pairwiseEvent(3);
    const judge = await addJudge(app, event);
    const pair: Pair = (await next(event, judge).expect(200)).body;
    const before = await state(event);
    expect(before.projects.every((project) => project.mu === 0 && project.sigmaSq === 1)).toBe(true);

    const voted = await vote(event, judge, pair.prev!.id, pair.next!.id).expect(201);

    // From the priors: μ step = 10/11 − 1/2 = 9/22; σ² = 1 − 81/484 = 403/484; the judge stays at (10, 1).
    const after = await state(event);
    expect(beliefOf(after, pair.prev!.id)).toMatchObject({ mu: expect.closeTo(9 / 22, 14), sigmaSq: expect.closeTo(403 / 484, 14) });
    expect(beliefOf(after, pair.next!.id)).toMatchObject({ mu: expect.closeTo(-9 / 22, 14), sigmaSq: expect.closeTo(403 / 484, 14) });
    expect(after.judges).toEqual([{ judgeId: judge.id, alpha: expect.closeTo(10, 10), beta: expect.closeTo(1, 10), votes: 1 }]);
    // The newer project becomes prev, and the third one (never shown) is next.
    expect(voted.body.prev.id).toBe(pair.next!.id);
    expect([pair.prev!.id, pair.next!.id]).not.toContain(voted.body.next.id);
  });

  it('should restore the previous state exactly when the judge undoes the last vote', async () => {
    const { event } = await pairwiseEvent(4);
    const [judge, other] = [await addJudge(app, event), await addJudge(app, event)];
    const first: Pair = (await next(event, judge).expect(200)).body;
    const afterFirst: Pair = (await vote(event, judge, first.next!.id, first.prev!.id).expect(201)).body;
    const otherPair: Pair = (await next(event, other).expect(200)).body;
    await vote(event, other, otherPair.prev!.id, otherPair.next!.id).expect(201);
    const before = await state(event);

    const second = await vote(event, judge, afterFirst.next!.id, afterFirst.prev!.id).expect(201);
    expect(await state(event)).not.toEqual(before);
    const undone = await undo(event, judge).expect(200);

    expect(await state(event)).toEqual(before);
    expect(undone.body).toMatchObject({ undoneVoteId: second.body.voteId, prev: { id: afterFirst.prev!.id }, next: { id: afterFirst.next!.id } });
    expect((await next(event, judge).expect(200)).body).toMatchObject({ prev: { id: afterFirst.prev!.id }, next: { id: afterFirst.next!.id } });
    // The replay of the log in force equals the scoring library's replay of the same votes.
    const expected = replayVotes([
      { judgeId: judge.id, winnerId: first.next!.id, loserId: first.prev!.id },
      { judgeId: other.id, winnerId: otherPair.prev!.id, loserId: otherPair.next!.id },
    ]);
    for (const project of before.projects) {
      const belief = expected.items.get(project.projectId) ?? { mu: 0, sigmaSq: 1 };
      expect(project).toMatchObject(belief);
    }
    // The withdrawn vote stays in the log; voting the other way now counts instead.
    await vote(event, judge, afterFirst.prev!.id, afterFirst.next!.id).expect(201);
    const log = await app.http().get(eventPath(event, '/hackathon/export/scores.csv')).set('Authorization', event.organiser.auth).expect(200);
    expect(log.text.trim().split('\r\n')).toHaveLength(1 + 4);
    expect(log.text).toContain(`${second.body.voteId},${judge.id},${afterFirst.next!.id},${afterFirst.prev!.id},true,`);
  });

  it('should never show a judge the same project twice and stop when none is left', async () => {
    const { event, made } = await pairwiseEvent(4);
    const judge = await addJudge(app, event);
    const pair: Pair = (await next(event, judge).expect(200)).body;
    const shown = [pair.prev!.id, pair.next!.id];
    let current = pair;
    while (current.next) {
      current = (await vote(event, judge, current.next.id, current.prev!.id).expect(201)).body;
      if (current.next) shown.push(current.next.id);
    }
    expect(shown.sort()).toEqual(made.map((item) => item.project.id).sort());
    expect((await vote(event, judge, made[0].project.id, made[1].project.id).expect(409)).body.code).toBe('no-pair');
    expect((await state(event)).votes).toBe(3);
  });

  it('should refuse votes that are not the current pair, undo with nothing to undo, and rubric scoring', async () => {
    const { event, made } = await pairwiseEvent(3);
    const judge = await addJudge(app, event);
    expect((await undo(event, judge).expect(409)).body.code).toBe('nothing-to-undo');
    const pair: Pair = (await next(event, judge).expect(200)).body;
    const third = made.map((item) => item.project.id).find((id) => id !== pair.prev!.id && id !== pair.next!.id)!;
    expect((await vote(event, judge, third, pair.prev!.id).expect(409)).body.code).toBe('pair-mismatch');
    expect((await vote(event, judge, pair.prev!.id, pair.prev!.id).expect(409)).body.code).toBe('pair-mismatch');
    await next(event, made[0].captain).expect(403);
    expect((await putScores(app, event, judge, pair.prev!.id, {}).expect(409)).body.code).toBe('wrong-judging-mode');
    await vote(event, judge, pair.prev!.id, pair.next!.id).expect(201);
    const locked = await app.http().put(eventPath(event, '/hackathon')).set('Authorization', event.organiser.auth).send({ mode: 'rubric' }).expect(409);
    expect(locked.body.code).toBe('judging-mode-locked');
  });

  it('should rank by μ in the results when the event judges pairwise', async () => {
    const { event } = await pairwiseEvent(3);
    const judge = await addJudge(app, event);
    const pair: Pair = (await next(event, judge).expect(200)).body;
    const afterFirst: Pair = (await vote(event, judge, pair.prev!.id, pair.next!.id).expect(201)).body;
    await vote(event, judge, afterFirst.prev!.id, afterFirst.next!.id).expect(201);
    const snapshot = await state(event);
    const results = await app.http().get(eventPath(event, '/hackathon/results')).set('Authorization', event.organiser.auth).expect(200);
    const byMu = [...snapshot.projects].sort((a, b) => b.mu - a.mu).map((project) => project.projectId);
    expect(results.body.overall.map((row: { projectId: string }) => row.projectId)).toEqual(byMu);
    expect(results.body.overall[0]).toMatchObject({ rank: 1, score: beliefOf(snapshot, byMu[0]).mu, breakdown: { mu: beliefOf(snapshot, byMu[0]).mu } });
  });
});
