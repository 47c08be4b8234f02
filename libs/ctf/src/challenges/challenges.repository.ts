import { isUniqueViolation } from '@arena/common';
import { MembershipTeam } from '@arena/teams';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { ChallengeFileEntity } from './entities/challenge-file.entity';
import { ChallengeEntity } from './entities/challenge.entity';
import { FlagEntity } from './entities/flag.entity';
import { HintEntity } from '../hints/entities/hint.entity';
import { firstBloodSolves } from '../standings/first-bloods.sql';

export interface FirstBlood {
  teamId: string;
  teamName: string;
  at: Date;
}

/** What one team has done on the board. */
export interface TeamProgress {
  solved: Set<string>;
  /** Wrong attempts per challenge. */
  wrong: Map<string, number>;
  /** Hint ids. */
  unlocked: Set<string>;
}

export const emptyProgress = (): TeamProgress => ({ solved: new Set(), wrong: new Map(), unlocked: new Set() });

function addProgress(progress: TeamProgress, kind: 's' | 'w' | 'h', id: string, wrong: number): void {
  if (kind === 's') progress.solved.add(id);
  else if (kind === 'w') progress.wrong.set(id, wrong);
  else progress.unlocked.add(id);
}

/** A user as the challenge list sees them: organiser, or member of a team (null when in none) with its progress. */
export interface BoardCaller {
  organiser: boolean;
  team: MembershipTeam | null;
  progress: TeamProgress;
}

interface CallerRow {
  user_id: string;
  organiser: boolean;
  team_id: string | null;
  hidden: boolean;
  banned: boolean;
}

/** Challenges with their flags, hints and files; and the per-team facts a board shows. */
@Injectable()
export class ChallengesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private get challenges() {
    return this.dataSource.getRepository(ChallengeEntity);
  }

  /** Saves the challenge; with `flags`/`hints` given they replace the stored sets. Null when the name is taken. */
  async save(challenge: ChallengeEntity, replace: { flags?: Partial<FlagEntity>[]; hints?: Partial<HintEntity>[] }): Promise<ChallengeEntity | null> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        const { flags: _flags, hints: _hints, files: _files, ...columns } = challenge;
        const saved = await manager.save(ChallengeEntity, columns as ChallengeEntity);
        if (replace.flags) {
          await manager.delete(FlagEntity, { challengeId: saved.id });
          if (replace.flags.length)
            await manager.insert(
              FlagEntity,
              replace.flags.map((flag) => ({ ...flag, challengeId: saved.id })),
            );
        }
        if (replace.hints) await this.replaceHints(manager, saved.id, replace.hints);
        return saved;
      });
    } catch (error) {
      if (isUniqueViolation(error, 'challenges_event_name_key')) return null;
      throw error;
    }
  }

  /**
   * Replaces the hint set, keeping the row (its id, and so the teams' unlocks) of every hint whose content is unchanged:
   * an edit or a re-import must not lock again what teams paid for.
   */
  private async replaceHints(manager: EntityManager, challengeId: string, hints: Partial<HintEntity>[]): Promise<void> {
    const unused = await manager.find(HintEntity, { where: { challengeId }, order: { position: 'ASC' } });
    const fresh: Partial<HintEntity>[] = [];
    for (const hint of hints) {
      const index = unused.findIndex((old) => old.content === hint.content);
      if (index < 0) {
        fresh.push({ ...hint, challengeId });
        continue;
      }
      const [kept] = unused.splice(index, 1);
      await manager.update(HintEntity, { id: kept.id }, { cost: hint.cost, position: hint.position });
    }
    if (unused.length) await manager.delete(HintEntity, { id: In(unused.map((hint) => hint.id)) });
    if (fresh.length) await manager.insert(HintEntity, fresh);
  }

  findOne(eventId: string, id: string): Promise<ChallengeEntity | null> {
    return this.challenges.findOne({
      where: { eventId, id },
      relations: { flags: true, hints: true, files: true },
      order: { hints: { position: 'ASC' }, files: { name: 'ASC' } },
    });
  }

  findByName(eventId: string, name: string): Promise<ChallengeEntity | null> {
    return this.challenges.findOne({ where: { eventId, name }, relations: { flags: true, hints: true, files: true } });
  }

  findByNames(eventId: string, names: string[]): Promise<ChallengeEntity[]> {
    return names.length ? this.challenges.findBy({ eventId, name: In(names) }) : Promise.resolve([]);
  }

  /** Every challenge of the event in board order, with hints and files (never flags). */
  findForBoard(eventId: string, withFlags = false): Promise<ChallengeEntity[]> {
    return this.challenges.find({
      where: { eventId },
      relations: { hints: true, files: true, flags: withFlags },
      order: { position: 'ASC', category: 'ASC', name: 'ASC', hints: { position: 'ASC' }, files: { name: 'ASC' } },
    });
  }

  /** Deletes the challenge and drops it from the requirements of the others (a deleted prerequisite must not lock them for good). */
  async remove(eventId: string, id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query('UPDATE challenges SET requirements = array_remove(requirements, $2::uuid) WHERE event_id = $1 AND $2::uuid = ANY(requirements)', [eventId, id]);
      // Wrong-attempt counters have no key to the challenge: they go with it (no read may count a deleted challenge's).
      await manager.query('DELETE FROM attempt_counters WHERE challenge_id = $1', [id]);
      await manager.delete(ChallengeEntity, { id });
    });
  }

  /** Solves per challenge by teams neither hidden nor banned (scoring.md's n), before `cutoff` when given. */
  async solveCounts(eventId: string, cutoff: Date | null): Promise<Map<string, number>> {
    // All solves counted in one pass, less those of hidden or banned teams (few, found by team): cheaper than testing every solve.
    const rows: Array<{ challenge_id: string; solves: string }> = await this.dataSource.query(
      `SELECT counted.challenge_id, counted.n - coalesce(hidden.n, 0) AS solves
         FROM (SELECT challenge_id, count(*) AS n FROM solves
                WHERE event_id = $1 AND ($2::timestamptz IS NULL OR created_at < $2) GROUP BY challenge_id) AS counted
         LEFT JOIN (SELECT s.challenge_id, count(*) AS n FROM teams t JOIN solves s ON s.team_id = t.id
                     WHERE t.event_id = $1 AND (t.hidden OR t.banned) AND ($2::timestamptz IS NULL OR s.created_at < $2) GROUP BY s.challenge_id) AS hidden
           USING (challenge_id)`,
      [eventId, cutoff],
    );
    return new Map(rows.map((row) => [row.challenge_id, Number(row.solves)]));
  }

  /** The first solver of each challenge (neither hidden nor banned), before `cutoff` when given. */
  async firstBloods(eventId: string, cutoff: Date | null): Promise<Map<string, FirstBlood>> {
    const rows: Array<{ challenge_id: string; team_id: string; team_name: string; created_at: Date }> = await this.dataSource.query(
      `SELECT fb.challenge_id, fb.team_id, t.name AS team_name, fb.created_at
         FROM (${firstBloodSolves('$1', '$2')}) AS fb JOIN teams t ON t.id = fb.team_id`,
      [eventId, cutoff],
    );
    return new Map(rows.map((row) => [row.challenge_id, { teamId: row.team_id, teamName: row.team_name, at: row.created_at }]));
  }

  /** What one team has done on the board: solves, wrong attempts per challenge, unlocked hints. */
  async teamProgress(teamId: string): Promise<TeamProgress> {
    return (await this.teamsProgress([teamId])).get(teamId) ?? emptyProgress();
  }

  /**
   * What each team has done on the board, in one statement (one snapshot) for all of them: read per request, so a
   * team's own solve, wrong attempt or unlock shows on its very next read whichever process served the write.
   */
  async teamsProgress(teamIds: string[]): Promise<Map<string, TeamProgress>> {
    const rows: Array<{ team_id: string; kind: 's' | 'w' | 'h'; id: string; wrong: number }> = await this.dataSource.query(
      `SELECT team_id, 's' AS kind, challenge_id AS id, 0 AS wrong FROM solves WHERE team_id = ANY($1::uuid[])
       UNION ALL SELECT team_id, 'w', challenge_id, wrong FROM attempt_counters WHERE team_id = ANY($1::uuid[])
       UNION ALL SELECT team_id, 'h', hint_id, 0 FROM hint_unlocks WHERE team_id = ANY($1::uuid[])`,
      [teamIds],
    );
    const progress = new Map(teamIds.map((teamId) => [teamId, emptyProgress()]));
    for (const row of rows) {
      const team = progress.get(row.team_id);
      if (team) addProgress(team, row.kind, row.id, row.wrong);
    }
    return progress;
  }

  /**
   * Who each user is on the event's board, in one statement (one snapshot) for all of them: organiser or not, the
   * team they are in, and that team's progress (none for organisers).
   */
  boardCallers(eventId: string, userIds: string[]): Promise<Map<string, BoardCaller>> {
    return this.callers('SELECT u.user_id FROM unnest($2::uuid[]) AS u(user_id)', [eventId, userIds]);
  }

  /**
   * As `boardCallers`, for every member of the event's teams, when they are at most `max` (else null: too many); in one
   * statement (one snapshot) of scans by event answering a few rows per team (its members, solves, wrong counts and
   * unlocks, each as a list of ids): a row per member and progress item (tens of thousands at a contest's start) cost
   * the api far more to take in than the database to find. Each part is aggregated on its own, never joined to
   * another: a new event's rows are not in the planner's statistics yet (it expects one), and joins between the
   * aggregates were planned as nested loops (1.7 s for 1 000 teams in the bench). Members of a team share its team and
   * progress objects (read-only, as every caller's).
   */
  async eventCallers(eventId: string, max: number): Promise<Map<string, BoardCaller> | null> {
    const [{ members }]: Array<{ members: number }> = await this.dataSource.query('SELECT count(*)::int AS members FROM team_members WHERE event_id = $1', [eventId]);
    if (members > max) return null;
    // Ids are uuids (no ',' or ':'); a member who is also an organiser is marked '!' and gets no team, as in `callers`.
    const rows: Array<{ kind: 'm' | 's' | 'w' | 'h'; team_id: string; hidden: boolean | null; banned: boolean | null; list: string }> = await this.dataSource.query(
      `SELECT 'm' AS kind, t.id AS team_id, t.hidden, t.banned,
              string_agg(m.user_id::text || CASE WHEN EXISTS (SELECT 1 FROM event_staff s WHERE s.event_id = $1 AND s.user_id = m.user_id AND s.role = 'organizer')
                                              THEN '!' ELSE '' END, ',') AS list
         FROM team_members m JOIN teams t ON t.id = m.team_id WHERE m.event_id = $1 GROUP BY t.id
       UNION ALL SELECT 's', team_id, NULL, NULL, string_agg(challenge_id::text, ',') FROM solves WHERE event_id = $1 GROUP BY team_id
       UNION ALL SELECT 'w', a.team_id, NULL, NULL, string_agg(a.challenge_id::text || ':' || a.wrong, ',')
         FROM attempt_counters a JOIN challenges c ON c.id = a.challenge_id WHERE c.event_id = $1 GROUP BY a.team_id
       UNION ALL SELECT 'h', u.team_id, NULL, NULL, string_agg(u.hint_id::text, ',')
         FROM hint_unlocks u JOIN hints h ON h.id = u.hint_id JOIN challenges c ON c.id = h.challenge_id WHERE c.event_id = $1 GROUP BY u.team_id`,
      [eventId],
    );
    const progress = new Map<string, TeamProgress>();
    const progressOf = (teamId: string) => progress.get(teamId) ?? progress.set(teamId, emptyProgress()).get(teamId)!;
    const teams: typeof rows = [];
    for (const row of rows) {
      if (row.kind === 'm') {
        teams.push(row);
        continue;
      }
      const team = progressOf(row.team_id);
      for (const item of row.list.split(',')) {
        const [id, wrong] = row.kind === 'w' ? item.split(':') : [item];
        addProgress(team, row.kind, id, Number(wrong ?? 0));
      }
    }
    const callers = new Map<string, BoardCaller>();
    for (const row of teams) {
      const team = { id: row.team_id, hidden: row.hidden === true, banned: row.banned === true };
      for (const member of row.list.split(',')) {
        if (member.endsWith('!')) callers.set(member.slice(0, -1), { organiser: true, team: null, progress: emptyProgress() });
        else callers.set(member, { organiser: false, team, progress: progressOf(row.team_id) });
      }
    }
    // The count is of another snapshot: members who joined in between count too.
    return callers.size > max ? null : callers;
  }

  /** The callers of `users` (a SELECT of user_id; $1 is the event). */
  private async callers(users: string, parameters: unknown[]): Promise<Map<string, BoardCaller>> {
    const rows: Array<CallerRow & { kind: 's' | 'w' | 'h' | null; id: string | null; wrong: number | null }> = await this.dataSource.query(
      `WITH callers AS (
         SELECT u.user_id, t.id AS team_id, t.hidden, t.banned,
                EXISTS (SELECT 1 FROM event_staff s WHERE s.event_id = $1 AND s.user_id = u.user_id AND s.role = 'organizer') AS organiser
           FROM (${users}) AS u
           LEFT JOIN team_members m ON m.event_id = $1 AND m.user_id = u.user_id
           LEFT JOIN teams t ON t.id = m.team_id)
       SELECT c.*, p.kind, p.id, p.wrong FROM callers c LEFT JOIN LATERAL (
         SELECT 's' AS kind, challenge_id AS id, 0 AS wrong FROM solves WHERE team_id = c.team_id AND NOT c.organiser
         UNION ALL SELECT 'w', challenge_id, wrong FROM attempt_counters WHERE team_id = c.team_id AND NOT c.organiser
         UNION ALL SELECT 'h', hint_id, 0 FROM hint_unlocks WHERE team_id = c.team_id AND NOT c.organiser
       ) p ON true`,
      parameters,
    );
    const callers = new Map<string, BoardCaller>();
    for (const row of rows) {
      let caller = callers.get(row.user_id);
      if (!caller) {
        const team = row.team_id && !row.organiser ? { id: row.team_id, hidden: row.hidden, banned: row.banned } : null;
        caller = { organiser: row.organiser, team, progress: emptyProgress() };
        callers.set(row.user_id, caller);
      }
      if (row.kind && row.id) addProgress(caller.progress, row.kind, row.id, row.wrong ?? 0);
    }
    return callers;
  }

  async addFile(file: Pick<ChallengeFileEntity, 'challengeId' | 'name' | 'blobKey' | 'size' | 'sha256'>): Promise<{ file: ChallengeFileEntity; replaced: string | null }> {
    return this.dataSource.transaction(async (manager) => {
      const previous = await manager.findOneBy(ChallengeFileEntity, { challengeId: file.challengeId, name: file.name });
      if (previous) await manager.delete(ChallengeFileEntity, { id: previous.id });
      const saved = await manager.save(manager.create(ChallengeFileEntity, file));
      return { file: saved, replaced: previous?.blobKey ?? null };
    });
  }

  findFile(challengeId: string, fileId: string): Promise<ChallengeFileEntity | null> {
    return this.dataSource.getRepository(ChallengeFileEntity).findOneBy({ challengeId, id: fileId });
  }

  async removeFile(id: string): Promise<void> {
    await this.dataSource.getRepository(ChallengeFileEntity).delete({ id });
  }

  /** Deletes the challenge's file in one statement; its blob key, or null when the challenge has no such file. */
  async deleteFile(challengeId: string, fileId: string): Promise<string | null> {
    const result = await this.dataSource
      .getRepository(ChallengeFileEntity)
      .createQueryBuilder()
      .delete()
      .where('id = :fileId AND challenge_id = :challengeId', { fileId, challengeId })
      .returning('blob_key')
      .execute();
    return (result.raw as Array<{ blob_key: string }>)[0]?.blob_key ?? null;
  }
}
