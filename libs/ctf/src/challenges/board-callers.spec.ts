import { AppConfig } from '@arena/config';
import { DefinitionsListener, LeaderboardNotifier } from '@arena/jobs';
import { EventEmitter } from 'events';
import Redis from 'ioredis';
import { BoardCallers } from './board-callers';
import { BoardCallersBatcher } from './board-callers.batcher';
import { BoardCaller, emptyProgress } from './challenges.repository';

/** Loads the test settles by hand; every caller is in team t1 unless `teams` says otherwise. */
function setup() {
  const loads: Array<{ userId: string; resolve: (caller: BoardCaller) => void }> = [];
  const teams = new Map<string, string | null>();
  // Every member of the event at once (none unless a test sets them).
  const members = { callers: new Map<string, BoardCaller>() as Map<string, BoardCaller> | null, reads: 0, pending: null as Promise<void> | null };
  const batcher = {
    of: (_eventId: string, userId: string) => new Promise<BoardCaller>((resolve) => loads.push({ userId, resolve })),
    everyMember: async () => {
      members.reads += 1;
      await members.pending;
      return members.callers;
    },
  };
  // The messages published on the channel (the acknowledgements of others' messages go elsewhere).
  const published: string[] = [];
  const subscriber = Object.assign(new EventEmitter(), { status: 'ready', subscribe: async () => 1, quit: async () => 'OK' });
  // No other process listens: Redis answers 0 receivers, so a publish waits for no acknowledgement.
  const redis = {
    publish: async (channel: string, message: string) => (channel === 'p:progress-changed' && published.push(message), 0),
    // The subscription connects on the next turn, as a real one would.
    duplicate: () => (setImmediate(() => subscriber.emit('ready')), subscriber),
  };
  let definitions: DefinitionsListener = () => undefined;
  const notifier = { onDefinitionsChanged: (listener: DefinitionsListener) => (definitions = listener), followingOthers: true };
  const callers = new BoardCallers(
    batcher as unknown as BoardCallersBatcher,
    redis as unknown as Redis,
    { BULLMQ_PREFIX: 'p' } as AppConfig,
    notifier as unknown as LeaderboardNotifier,
  );
  const settle = () => new Promise((resolve) => setImmediate(resolve));
  /** Reads the user; answers the load (if one starts) with a fresh caller. */
  const read = async (userId: string) => {
    const before = loads.length;
    const reading = callers.of('e1', userId);
    await settle();
    const started = loads.length > before;
    if (started) {
      const teamId = teams.has(userId) ? teams.get(userId) : 't1';
      loads[loads.length - 1].resolve({ organiser: false, team: teamId ? { id: teamId, hidden: false, banned: false } : null, progress: emptyProgress() });
    }
    await reading;
    return started;
  };
  return { callers, loads, teams, read, published, subscriber, definitions: (eventId: string | null) => definitions(eventId), settle, members, notifier };
}

describe('BoardCallers', () => {
  it('should load a user once and answer from memory until their team changes, then load again', async () => {
    const { callers, read } = setup();
    expect(await read('u1')).toBe(true);
    expect(await read('u1')).toBe(false);
    await callers.teamChanged('e1', 't2');
    expect(await read('u1')).toBe(false);
    await callers.teamChanged('e1', 't1');
    expect(await read('u1')).toBe(true);
  });

  it('should answer but not keep a load that started before a change of its team', async () => {
    const { callers, loads, read, settle } = setup();
    const reading = callers.of('e1', 'u1');
    await settle();
    void callers.teamChanged('e1', 't1');
    loads[0].resolve({ organiser: false, team: { id: 't1', hidden: false, banned: false }, progress: emptyProgress() });
    expect((await reading).caller.team?.id).toBe('t1');
    expect(await read('u1')).toBe(true);
    expect(await read('u1')).toBe(false);
  });

  it('should never keep a user without a team (a join is not told)', async () => {
    const { teams, read } = setup();
    teams.set('u1', null);
    expect(await read('u1')).toBe(true);
    expect(await read('u1')).toBe(true);
  });

  it("should drop the event's users on a change of its definitions, and everyone's after a reconnect", async () => {
    const { read, definitions } = setup();
    await read('u1');
    definitions('e2');
    expect(await read('u1')).toBe(false);
    definitions('e1');
    expect(await read('u1')).toBe(true);
    definitions(null);
    expect(await read('u1')).toBe(true);
  });

  it('should tell the other processes once per turn, with every team changed in it', async () => {
    const { callers, published } = setup();
    await Promise.all([callers.teamChanged('e1', 't1'), callers.teamChanged('e1', 't2'), callers.teamChanged('e1', 't1')]);
    expect(published).toHaveLength(1);
    expect(published[0]).toMatch(/^\S+ \d+ e1 t1,t2$/);
    await callers.teamChanged('e1', 't3');
    expect(published).toHaveLength(2);
  });

  it("should neither use nor keep callers while the subscription to other processes' changes is down, and drop all at its return", async () => {
    const { callers, read, subscriber, settle } = setup();
    await callers.follow();
    subscriber.emit('ready');
    await read('u1');
    expect(await read('u1')).toBe(false);
    subscriber.status = 'reconnecting';
    subscriber.emit('close');
    expect(await read('u1')).toBe(true);
    expect(await read('u1')).toBe(true);
    subscriber.status = 'ready';
    subscriber.emit('ready');
    // Subscribed again (the fake answers at once): everything kept before is dropped.
    await settle();
    expect(await read('u1')).toBe(true);
    expect(await read('u1')).toBe(false);
  });

  it("should drop a team's callers when another process tells of its change, not when its own message comes back", async () => {
    const { callers, read, subscriber, published } = setup();
    await callers.follow();
    await read('u1');
    subscriber.emit('message', 'p:progress-changed', 'other-process 1 e1 t9');
    expect(await read('u1')).toBe(false);
    subscriber.emit('message', 'p:progress-changed', 'other-process 2 e1 t1');
    expect(await read('u1')).toBe(true);
    await callers.teamChanged('e2', 't7');
    subscriber.emit('message', 'p:progress-changed', published[0]);
    expect(await read('u1')).toBe(false);
  });

  it('should peek, without loading, only at a caller `of` would answer from memory', async () => {
    const { callers, read, loads, subscriber, definitions } = setup();
    await callers.follow();
    expect(callers.peek('e1', 'u1')).toBeUndefined();
    expect(loads).toHaveLength(0);
    await read('u1');
    expect(callers.peek('e1', 'u1')?.caller.team?.id).toBe('t1');
    expect(callers.peek('e2', 'u1')).toBeUndefined();
    await callers.teamChanged('e1', 't1');
    expect(callers.peek('e1', 'u1')).toBeUndefined();
    await read('u1');
    subscriber.status = 'reconnecting';
    expect(callers.peek('e1', 'u1')).toBeUndefined();
    subscriber.status = 'ready';
    expect(callers.peek('e1', 'u1')).toBeDefined();
    definitions('e1');
    expect(callers.peek('e1', 'u1')).toBeUndefined();
    await read('u1');
    const clock = jest.spyOn(Date, 'now').mockReturnValue(Date.now() + 30_000);
    try {
      expect(callers.peek('e1', 'u1')).toBeUndefined();
    } finally {
      clock.mockRestore();
    }
  });

  describe('a flag attempt stored through this process', () => {
    it("should update the team's kept callers in place, teammates too, and tell the other processes", async () => {
      const { callers, read, published } = setup();
      await read('u1');
      await read('u2');
      callers.keepList(callers.peek('e1', 'u1')!, ['inputs'], '[]');
      expect(callers.peek('e1', 'u1')?.list?.json).toBe('[]');
      await callers.storing('e1', 't1')({ wrong: 'c1' });
      await callers.storing('e1', 't1')({ wrong: 'c1' });
      await callers.storing('e1', 't1')({ solved: 'c2' });
      for (const userId of ['u1', 'u2']) {
        const { progress } = callers.peek('e1', userId)!.caller;
        expect(progress.wrong.get('c1')).toBe(2);
        expect([...progress.solved]).toEqual(['c2']);
      }
      // The list text built before the change is not used again.
      expect(callers.peek('e1', 'u1')?.list).toBeUndefined();
      expect(await read('u1')).toBe(false);
      expect(published).toHaveLength(3);
      expect(published.every((message) => message.endsWith(' e1 t1'))).toBe(true);
    });

    it('should change nothing and tell nobody when it stored nothing the list shows', async () => {
      const { callers, read, published } = setup();
      await read('u1');
      const before = callers.peek('e1', 'u1')!.caller;
      await callers.storing('e1', 't1')('none');
      expect(callers.peek('e1', 'u1')!.caller).toBe(before);
      expect(published).toHaveLength(0);
    });

    it('should drop the team when what it stored is unknown', async () => {
      const { callers, read } = setup();
      await read('u1');
      await callers.storing('e1', 't1')(null);
      expect(callers.peek('e1', 'u1')).toBeUndefined();
      expect(await read('u1')).toBe(true);
    });

    it('should answer but not keep a load that ran while the attempt was being stored, or that it outlived', async () => {
      const { callers, loads, read, settle } = setup();
      const stored = callers.storing('e1', 't1');
      // Starts and ends while the statement runs: it may or may not have seen the attempt.
      expect(await read('u1')).toBe(true);
      expect(callers.peek('e1', 'u1')).toBeUndefined();
      // Starts during the statement, ends after it.
      const reading = callers.of('e1', 'u1');
      await settle();
      await stored({ solved: 'c1' });
      loads[loads.length - 1].resolve({ organiser: false, team: { id: 't1', hidden: false, banned: false }, progress: emptyProgress() });
      await reading;
      expect(callers.peek('e1', 'u1')).toBeUndefined();
      // Once settled, a new load is kept again.
      expect(await read('u1')).toBe(true);
      expect(callers.peek('e1', 'u1')).toBeDefined();
    });

    it('should settle once however often it is called', async () => {
      const { callers, read } = setup();
      await read('u1');
      const stored = callers.storing('e1', 't1');
      await stored({ wrong: 'c1' });
      await stored({ wrong: 'c1' });
      expect(callers.peek('e1', 'u1')!.caller.progress.wrong.get('c1')).toBe(1);
    });
  });

  describe("an event's first list read", () => {
    const member = (teamId: string): BoardCaller => ({ organiser: false, team: { id: teamId, hidden: false, banned: false }, progress: emptyProgress() });
    /** u1 (team t1) and u2 (team t2) are the event's members; their load ends when the returned function is called. */
    const twoMembersLoading = (members: ReturnType<typeof setup>['members']) => {
      members.callers = new Map([
        ['u1', member('t1')],
        ['u2', member('t2')],
      ]);
      let finish: () => void = () => undefined;
      members.pending = new Promise<void>((resolve) => (finish = resolve));
      return () => finish();
    };

    it('should load every member of the event at once and answer them all from memory', async () => {
      const { callers, read, members, loads } = setup();
      members.callers = new Map([
        ['u1', member('t1')],
        ['u2', member('t2')],
      ]);
      expect(await read('u1')).toBe(false);
      expect(await read('u2')).toBe(false);
      expect(callers.peek('e1', 'u2')?.caller.team?.id).toBe('t2');
      expect(members.reads).toBe(1);
      // Not a member: read on its own, and no second load of everyone so soon.
      expect(await read('u3')).toBe(true);
      expect(members.reads).toBe(1);
      expect(loads.map((load) => load.userId)).toEqual(['u3']);
    });

    it('should not keep the members of a team written to while everyone was being loaded', async () => {
      const { callers, read, members } = setup();
      const finish = twoMembersLoading(members);
      const reading = callers.of('e1', 'u2');
      await new Promise((resolve) => setImmediate(resolve));
      await callers.storing('e1', 't1')({ solved: 'c1' });
      finish();
      await reading;
      expect(callers.peek('e1', 'u1')).toBeUndefined();
      expect(callers.peek('e1', 'u2')).toBeDefined();
      expect(await read('u1')).toBe(true);
    });

    it('should read members one by one when the event has too many, or the load fails', async () => {
      const { read, members } = setup();
      members.callers = null;
      expect(await read('u1')).toBe(true);
      const failing = setup();
      failing.members.pending = Promise.reject(new Error('down'));
      expect(await failing.read('u1')).toBe(true);
      expect(await failing.read('u1')).toBe(false);
    });

    it('should make the misses that arrive during the load wait for it instead of reading one by one', async () => {
      const { callers, members, loads } = setup();
      const finish = twoMembersLoading(members);
      const reads = Promise.all([callers.of('e1', 'u1'), callers.of('e1', 'u2')]);
      await new Promise((resolve) => setImmediate(resolve));
      finish();
      expect((await reads).map((kept) => kept.caller.team?.id)).toEqual(['t1', 't2']);
      expect(members.reads).toBe(1);
      expect(loads).toHaveLength(0);
    });

    it('should load everyone again only once nothing of the event is kept (after a team change) or what it kept expired', async () => {
      const { read, members, definitions } = setup();
      members.callers = new Map([['u1', member('t1')]]);
      const start = Date.now();
      const clock = jest.spyOn(Date, 'now').mockReturnValue(start);
      try {
        await read('u1');
        expect(members.reads).toBe(1);
        clock.mockReturnValue(start + 6_000);
        // Something is kept: a stranger's miss is read alone.
        expect(await read('u9')).toBe(true);
        expect(members.reads).toBe(1);
        definitions('e1');
        expect(await read('u1')).toBe(false);
        expect(members.reads).toBe(2);
        clock.mockReturnValue(start + 6_000 + 30_000);
        expect(await read('u1')).toBe(false);
        expect(members.reads).toBe(3);
      } finally {
        clock.mockRestore();
      }
    });
  });

  it("should neither use nor keep callers while the subscription to other processes' team changes and bans is down", async () => {
    const { callers, read, notifier } = setup();
    await read('u1');
    notifier.followingOthers = false;
    expect(callers.peek('e1', 'u1')).toBeUndefined();
    expect(await read('u1')).toBe(true);
    expect(await read('u1')).toBe(true);
    notifier.followingOthers = true;
    expect(await read('u1')).toBe(false);
  });
});
