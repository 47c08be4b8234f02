import { AppConfig } from '@arena/config';
import { LeaderboardNotifier, PeerChannel, REDIS } from '@arena/jobs';
import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { BoardCallersBatcher } from './board-callers.batcher';
import { BoardCaller, TeamProgress } from './challenges.repository';

/** A caller as kept in memory, with what the challenge list built from it last (see ChallengesService.listJson). */
export interface KeptCaller {
  caller: BoardCaller;
  /** Set by the list: its text, valid while every input it names is the one in use. */
  list?: { inputs: readonly unknown[]; json: string };
}

interface Entry extends KeptCaller {
  until: number;
  /** True while kept here: its list text counts against MAX_LIST_CHARS. */
  counted?: boolean;
}

/** What a flag attempt stored of its team's progress: a solve, a wrong attempt counted, or nothing the list shows. */
export type ProgressChange = { solved: string } | { wrong: string } | 'none';

/** Settles a write announced by BoardCallers.storing with what it stored (null: unknown); await it before answering. */
export type StoredProgress = (change: ProgressChange | null) => Promise<void>;

/** One event's kept callers, by user and by team. */
interface EventCallers {
  users: Map<string, Entry>;
  teams: Map<string, Set<string>>;
}

// Every change of a team's progress or membership is told at once (this process directly, the others through Redis
// before the change is answered): this only bounds a message lost to a broken connection.
const KEEP_MS = 30_000;
// A change is remembered this long, so a load that started before it is not kept (a load never takes this long).
const REMEMBER_MS = 60_000;
const MAX_CALLERS = 100_000;
// The list texts kept, in characters (a list with long descriptions is tens of KB): past this, texts are rebuilt per read.
const MAX_LIST_CHARS = 32 * 1024 * 1024;
// How often the record of old changes is pruned.
const PRUNE_EVERY_MS = 10_000;
// A list read that misses (every player's first, at a contest's start) loads every member of the event at once: up to
// this many, at most once per WARM_EVERY_MS per event (a join or a ban drops the event's callers).
const MAX_WARM = 20_000;
const WARM_EVERY_MS = 5_000;
const TOO_MANY_MS = 600_000;

/**
 * Who each user is on an event's challenge list (organiser, team, the team's solves, wrong counts and unlocks), kept
 * in memory so that a list read costs no query. A read must still show its team's own last write whichever api process
 * took it: every attempt stored, hint unlocked or team changed drops the team's callers here at once and, before the
 * write is answered, in every other api process (a Redis message, sent once per turn of the event loop for all the
 * teams of that turn). A load that started before a change of its team is answered but not kept. Users without a team
 * are never kept: a join does not have to be told.
 */
@Injectable()
export class BoardCallers implements OnApplicationShutdown {
  private readonly logger = new Logger(BoardCallers.name);
  /** By event. */
  private readonly kept = new Map<string, EventCallers>();
  private size = 0;
  /** Changes so far in this process; a change's number is remembered by team and by event. */
  private changes = 0;
  private readonly teamChangedAt = new Map<string, { change: number; at: number }>();
  /** Teams with a write under way (see `storing`): a load that ends meanwhile may or may not see it, and is not kept. */
  private readonly storingTeams = new Map<string, number>();
  private readonly eventChangedAt = new Map<string, number>();
  private everythingChangedAt = 0;
  // Other api processes' progress changes (`<event> <team,team…>`); a reconnect may have missed some.
  private readonly peers: PeerChannel;
  private listChars = 0;
  /** When each event's members were last all loaded at once, and the loads under way. */
  private readonly warmedAt = new Map<string, number>();
  private readonly warming = new Map<string, Promise<void>>();
  private prunedAt = 0;
  /** Teams changed in this turn, by event, and the one publish that tells the other processes. */
  private outgoing = new Map<string, Set<string>>();
  private publishing: Promise<void> | null = null;

  constructor(
    private readonly batcher: BoardCallersBatcher,
    @Inject(REDIS) redis: Redis,
    config: AppConfig,
    private readonly notifier: LeaderboardNotifier,
  ) {
    this.peers = new PeerChannel(redis, `${config.BULLMQ_PREFIX}:progress-changed`, {
      message: (payload) => {
        const [eventId, teams] = payload.split(' ');
        if (eventId && teams) this.dropTeams(eventId, teams.split(','));
      },
      resync: () => this.dropEvent(null),
    });
    // A ban, a removed member, a disband, an edited challenge: anything but scores drops the event's callers.
    notifier.onDefinitionsChanged((eventId) => this.dropEvent(eventId));
  }

  /** The user as the challenge list sees them: from memory when kept, else read with the other reads of the turn. */
  async of(eventId: string, userId: string): Promise<KeptCaller> {
    const trusted = this.trusted;
    const hit = trusted ? this.kept.get(eventId)?.users.get(userId) : undefined;
    if (hit && hit.until > Date.now()) return hit;
    const warming = trusted ? (this.warming.get(eventId) ?? (this.shouldWarm(eventId) ? this.warm(eventId) : undefined)) : undefined;
    if (warming) {
      await warming;
      const warmed = this.peek(eventId, userId);
      if (warmed) return warmed;
    }
    const started = this.changes;
    const caller = await this.batcher.of(eventId, userId);
    const entry: Entry = { caller, until: Date.now() + KEEP_MS };
    const storing = caller.team !== null && this.storingTeams.has(caller.team.id);
    if (trusted && (caller.team !== null || caller.organiser) && !storing && !this.changedSince(eventId, caller.team?.id, started)) this.keep(eventId, userId, entry);
    return entry;
  }

  /**
   * While either subscription to the other processes' changes is down (progress here, teams and bans through
   * LeaderboardNotifier), nothing kept is used and nothing is kept.
   */
  private get trusted(): boolean {
    return this.peers.following && this.notifier.followingOthers;
  }

  /**
   * Whether a miss loads every member of the event: when nothing of it is kept (a cold start, or everything dropped by
   * a team change or a ban) or what the last such load kept has expired, and never twice within WARM_EVERY_MS. Other
   * processes' writes drop teams one by one: their misses are read one by one.
   */
  private shouldWarm(eventId: string): boolean {
    const now = Date.now();
    const warmedAt = this.warmedAt.get(eventId) ?? -Infinity;
    if (now - warmedAt < WARM_EVERY_MS) return false;
    return !this.kept.get(eventId)?.users.size || now - warmedAt >= KEEP_MS;
  }

  /**
   * Loads and keeps every member of the event's teams in one statement (the first list read of a contest's start
   * stands for a thousand): each kept under the rules of `of` (not a team changed or being written since the load
   * started; an entry kept meanwhile and still alive is fresher). Misses meanwhile wait for it. An event with more
   * than MAX_WARM members is not tried again for TOO_MANY_MS; a failure leaves the members to be read one by one.
   */
  private warm(eventId: string): Promise<void> {
    this.warmedAt.set(eventId, Date.now());
    const started = this.changes;
    const warming = this.batcher
      .everyMember(eventId, MAX_WARM)
      .then((callers) => {
        if (callers === null) return void this.warmedAt.set(eventId, Date.now() + TOO_MANY_MS);
        const now = Date.now();
        for (const [userId, caller] of callers) {
          const teamId = caller.team?.id;
          if (!this.trusted || teamId === undefined || (this.kept.get(eventId)?.users.get(userId)?.until ?? 0) > now) continue;
          if (this.storingTeams.has(teamId) || this.changedSince(eventId, teamId, started)) continue;
          this.keep(eventId, userId, { caller, until: now + KEEP_MS });
        }
      })
      .catch((error: unknown) => this.logger.warn(`the members of event ${eventId} were not loaded at once: ${String(error)}`))
      .finally(() => this.warming.delete(eventId));
    this.warming.set(eventId, warming);
    return warming;
  }

  /** As `of`, synchronously: the kept caller, or undefined when `of` would have to read it. */
  peek(eventId: string, userId: string): KeptCaller | undefined {
    if (!this.trusted) return undefined;
    const hit = this.kept.get(eventId)?.users.get(userId);
    return hit && hit.until > Date.now() ? hit : undefined;
  }

  /** Keeps the list text built for `kept` (see KeptCaller), within the memory budget of all kept texts. */
  keepList(kept: KeptCaller, inputs: readonly unknown[], json: string): void {
    const entry = kept as Entry;
    const previous = entry.list?.json.length ?? 0;
    if (!entry.counted) {
      // Not kept (or dropped since): its text goes with it.
      entry.list = { inputs, json };
      return;
    }
    if (this.listChars - previous + json.length > MAX_LIST_CHARS) return this.dropList(entry);
    this.listChars += json.length - previous;
    entry.list = { inputs, json };
  }

  /**
   * The team's progress changed (an attempt stored, a hint unlocked): its callers are dropped here at once, and in the
   * other api processes when the returned promise settles (await it before answering the write).
   */
  teamChanged(eventId: string, teamId: string): Promise<void> {
    this.dropTeams(eventId, [teamId]);
    return this.tell(eventId, teamId);
  }

  /** Tells the other processes (once per turn for all the teams of the turn) that the team's progress changed. */
  private tell(eventId: string, teamId: string): Promise<void> {
    let teams = this.outgoing.get(eventId);
    if (!teams) this.outgoing.set(eventId, (teams = new Set()));
    teams.add(teamId);
    this.publishing ??= new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.publish());
    return this.publishing;
  }

  /**
   * A flag attempt of the team is about to be stored. The returned function settles it with what was stored: the
   * team's callers kept here are updated in place (the list that follows the answer needs no read), those of the other
   * api processes dropped before the promise settles, as by `teamChanged`; null (the outcome is unknown) drops them
   * here too. Until then, a load of the team's callers may or may not see the write: it is answered but not kept.
   */
  storing(eventId: string, teamId: string): StoredProgress {
    this.storingTeams.set(teamId, (this.storingTeams.get(teamId) ?? 0) + 1);
    let settled = false;
    return (change) => {
      if (settled) return Promise.resolve();
      settled = true;
      const left = (this.storingTeams.get(teamId) ?? 1) - 1;
      if (left > 0) this.storingTeams.set(teamId, left);
      else this.storingTeams.delete(teamId);
      if (change === null) return this.teamChanged(eventId, teamId);
      if (change === 'none') return Promise.resolve();
      this.markChanged([teamId], Date.now());
      this.updateTeam(eventId, teamId, change);
      return this.tell(eventId, teamId);
    };
  }

  /** Follows the other processes' changes (the api calls it before listening). */
  follow(): Promise<void> {
    return this.peers.follow();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.peers.close();
  }

  private async publish(): Promise<void> {
    const outgoing = this.outgoing;
    this.outgoing = new Map();
    this.publishing = null;
    try {
      await Promise.all([...outgoing].map(([eventId, teams]) => this.peers.publish(`${eventId} ${[...teams].join(',')}`)));
    } catch (error) {
      // The write is stored; the other processes' kept callers of these teams expire within KEEP_MS.
      this.logger.warn(`the other api processes were not told of progress changes: ${String(error)}`);
    }
  }

  private changedSince(eventId: string, teamId: string | undefined, started: number): boolean {
    if (this.everythingChangedAt > started || (this.eventChangedAt.get(eventId) ?? 0) > started) return true;
    return teamId !== undefined && (this.teamChangedAt.get(teamId)?.change ?? 0) > started;
  }

  private keep(eventId: string, userId: string, entry: Entry): void {
    let callers = this.kept.get(eventId);
    if (!callers) this.kept.set(eventId, (callers = { users: new Map(), teams: new Map() }));
    this.forget(callers, userId);
    callers.users.set(userId, entry);
    entry.counted = true;
    this.size += 1;
    const teamId = entry.caller.team?.id;
    if (teamId) {
      let members = callers.teams.get(teamId);
      if (!members) callers.teams.set(teamId, (members = new Set()));
      members.add(userId);
    }
    if (this.size > MAX_CALLERS) this.dropEvent(null);
  }

  private forget(callers: EventCallers, userId: string): void {
    const entry = callers.users.get(userId);
    if (!entry) return;
    callers.users.delete(userId);
    this.uncount(entry);
    this.size -= 1;
    const teamId = entry.caller.team?.id;
    if (teamId) callers.teams.get(teamId)?.delete(userId);
  }

  /** The team's kept callers with `change` applied to their progress (new objects: a list built before is rebuilt). */
  private updateTeam(eventId: string, teamId: string, change: Exclude<ProgressChange, 'none'>): void {
    const callers = this.kept.get(eventId);
    for (const userId of callers?.teams.get(teamId) ?? []) {
      const entry = callers?.users.get(userId);
      if (!entry) continue;
      const { solved, wrong, unlocked } = entry.caller.progress;
      const progress: TeamProgress =
        'solved' in change
          ? { solved: new Set(solved).add(change.solved), wrong, unlocked }
          : { solved, wrong: new Map(wrong).set(change.wrong, (wrong.get(change.wrong) ?? 0) + 1), unlocked };
      entry.caller = { ...entry.caller, progress };
      this.dropList(entry);
    }
  }

  /** Forgets the entry's list text (and its share of the budget while kept). */
  private dropList(entry: Entry): void {
    if (entry.counted) this.listChars -= entry.list?.json.length ?? 0;
    entry.list = undefined;
  }

  private markChanged(teamIds: string[], now: number): void {
    this.changes += 1;
    for (const teamId of teamIds) this.teamChangedAt.set(teamId, { change: this.changes, at: now });
    // Changes older than any load still running are of no use.
    if (now - this.prunedAt > PRUNE_EVERY_MS) {
      this.prunedAt = now;
      for (const [teamId, change] of this.teamChangedAt) if (now - change.at > REMEMBER_MS) this.teamChangedAt.delete(teamId);
    }
  }

  private dropTeams(eventId: string, teamIds: string[]): void {
    this.markChanged(teamIds, Date.now());
    const callers = this.kept.get(eventId);
    if (callers) {
      for (const teamId of teamIds) {
        const members = callers.teams.get(teamId);
        if (!members) continue;
        callers.teams.delete(teamId);
        for (const userId of members) {
          const entry = callers.users.get(userId);
          if (!entry) continue;
          callers.users.delete(userId);
          this.uncount(entry);
          this.size -= 1;
        }
      }
    }
  }

  private uncount(entry: Entry): void {
    if (!entry.counted) return;
    entry.counted = false;
    this.listChars -= entry.list?.json.length ?? 0;
  }

  private dropEvent(eventId: string | null): void {
    this.changes += 1;
    if (eventId === null) {
      this.everythingChangedAt = this.changes;
      for (const callers of this.kept.values()) for (const entry of callers.users.values()) this.uncount(entry);
      this.kept.clear();
      this.size = 0;
      return;
    }
    this.eventChangedAt.set(eventId, this.changes);
    const callers = this.kept.get(eventId);
    if (!callers) return;
    for (const entry of callers.users.values()) this.uncount(entry);
    this.size -= callers.users.size;
    this.kept.delete(eventId);
  }
}
