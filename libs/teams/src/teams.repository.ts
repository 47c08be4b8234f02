import { isForeignKeyViolation, isUniqueViolation, Page } from '@arena/common';
import { EventEntity } from '@arena/registration';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, ILike } from 'typeorm';
import { TeamMemberEntity } from './entities/team-member.entity';
import { TeamEntity } from './entities/team.entity';
import { TeamRole } from './team-role.enum';

/** The team a user is in, as other contexts' access checks need it. */
export interface MembershipTeam {
  id: string;
  /** Off the public boards, still plays (staff and test teams). */
  hidden: boolean;
  /** Disqualified: its members may not play. */
  banned: boolean;
}

/** A team with its members (users loaded), oldest member first. */
export type TeamWithMembers = TeamEntity & { members: TeamMemberEntity[] };

export type CreateOutcome = TeamWithMembers | 'name-taken' | 'already-in-team' | 'not-registered';

export type JoinOutcome = 'added' | 'already-in-team' | 'not-registered';

// A membership references the user's registration: a withdrawal committed since the approval check breaks that key.
const lostRegistration = (error: unknown) => isForeignKeyViolation(error);

// Rolls back a team creation whose captain's registration was no longer approved.
class NotApproved extends Error {}

/**
 * Whether a team has contest records another context keeps in a table without a foreign key to teams (a disband
 * would leave them behind); run under the team's lock.
 */
export type TeamHistoryCheck = (manager: EntityManager, team: { id: string; eventId: string }) => Promise<boolean>;

/** Work done while holding the team's row lock: size and captaincy decisions cannot interleave. */
export interface TeamLock {
  team: TeamEntity;
  manager: EntityManager;
}

@Injectable()
export class TeamsRepository {
  /**
   * The tables (other than memberships) whose rows reference a team, read once from the catalogue: every context's
   * solves, awards, submissions, projects and A/D records, present and future, without this lib naming them.
   */
  private referencing?: Promise<Array<{ table: string; column: string }>>;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Inserts the team and its captain in one transaction, if `approved` holds in it; the unique keys settle races. */
  async createWithCaptain(
    team: Pick<TeamEntity, 'eventId' | 'name' | 'division' | 'inviteCode'>,
    captainId: string,
    approved: (manager: EntityManager) => Promise<boolean>,
  ): Promise<CreateOutcome> {
    try {
      const id = await this.dataSource.transaction(async (manager) => {
        const saved = await manager.save(manager.create(TeamEntity, team));
        // After the team row, whose key on the event is taken first, in the order registration decisions lock (event,
        // then registration): the other order deadlocks with a withdrawal or rejection. Not approved: nothing is kept.
        if (!(await approved(manager))) throw new NotApproved();
        await manager.insert(TeamMemberEntity, { teamId: saved.id, eventId: team.eventId, userId: captainId, role: TeamRole.Captain });
        return saved.id;
      });
      return (await this.findWithMembers(id)) as TeamWithMembers;
    } catch (error) {
      if (error instanceof NotApproved) return 'not-registered';
      if (isUniqueViolation(error, 'teams_event_name_key')) return 'name-taken';
      if (isUniqueViolation(error, 'team_members_event_user_key')) return 'already-in-team';
      if (lostRegistration(error)) return 'not-registered';
      throw error;
    }
  }

  /** Runs `work` holding the lock of the event's team with this invite code; null when there is none. */
  withLockByInvite<T>(eventId: string, inviteCode: string, work: (lock: TeamLock) => Promise<T>): Promise<T | null> {
    return this.dataSource.transaction(async (manager) => {
      const team = await manager.findOne(TeamEntity, { where: { eventId, inviteCode }, lock: { mode: 'pessimistic_write' } });
      return team ? work({ team, manager }) : null;
    });
  }

  /** Runs `work` holding the lock of the team the user is in; null when in none. */
  withLockOfMembership<T>(eventId: string, userId: string, work: (lock: TeamLock) => Promise<T>): Promise<T | null> {
    return this.dataSource.transaction((manager) => this.lockOfMembershipIn(manager, eventId, userId, work));
  }

  /** As withLockOfMembership, inside a transaction someone else runs (a registration's rejection). */
  async lockOfMembershipIn<T>(manager: EntityManager, eventId: string, userId: string, work: (lock: TeamLock) => Promise<T>): Promise<T | null> {
    const membership = await manager.findOneBy(TeamMemberEntity, { eventId, userId });
    if (!membership) return null;
    const team = await manager.findOne(TeamEntity, { where: { id: membership.teamId }, lock: { mode: 'pessimistic_write' } });
    return team ? work({ team, manager }) : null;
  }

  /** Runs `work` holding the lock of the event's team with this id; null when there is none. */
  withLockById<T>(eventId: string, teamId: string, work: (lock: TeamLock) => Promise<T>): Promise<T | null> {
    return this.dataSource.transaction(async (manager) => {
      const team = await manager.findOne(TeamEntity, { where: { id: teamId, eventId }, lock: { mode: 'pessimistic_write' } });
      return team ? work({ team, manager }) : null;
    });
  }

  membersOf({ team, manager }: TeamLock): Promise<TeamMemberEntity[]> {
    return manager.find(TeamMemberEntity, { where: { teamId: team.id }, order: { joinedAt: 'ASC', userId: 'ASC' } });
  }

  /** Adds a member unless the user is already in a team of this event or no longer registered. */
  async addMember({ team, manager }: TeamLock, userId: string): Promise<JoinOutcome> {
    try {
      await manager.transaction((inner) => inner.insert(TeamMemberEntity, { teamId: team.id, eventId: team.eventId, userId, role: TeamRole.Member }));
      return 'added';
    } catch (error) {
      // team_members_event_user_key, or the primary key when the user is already in this very team.
      if (isUniqueViolation(error)) return 'already-in-team';
      if (lostRegistration(error)) return 'not-registered';
      throw error;
    }
  }

  async removeMember({ team, manager }: TeamLock, userId: string): Promise<void> {
    await manager.delete(TeamMemberEntity, { teamId: team.id, userId });
  }

  /**
   * The first table holding a row that references the team, or null. Under the team's lock (FOR UPDATE) no such row
   * can be added meanwhile: a foreign key check takes a share lock on the team's row.
   */
  async firstReferenceTo({ team, manager }: TeamLock): Promise<string | null> {
    this.referencing ??= this.dataSource
      .query<Array<{ table: string; column: string }>>(
        `SELECT c.conrelid::regclass::text AS "table", a.attname AS "column"
           FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
          WHERE c.contype = 'f' AND c.confrelid = 'teams'::regclass AND c.conrelid <> 'team_members'::regclass
          ORDER BY 1`,
      )
      .catch((error: unknown) => {
        this.referencing = undefined;
        throw error;
      });
    const tables = await this.referencing;
    if (tables.length === 0) return null;
    // Identifiers come from the catalogue (regclass prints them quoted when needed); the team id is a parameter.
    const probes = tables.map(({ table, column }, index) => `SELECT ${index} AS i WHERE EXISTS (SELECT 1 FROM ${table} WHERE "${column.replace(/"/g, '""')}" = $1)`);
    const rows = await manager.query<Array<{ i: number }>>(`${probes.join(' UNION ALL ')} LIMIT 1`, [team.id]);
    return rows.length ? tables[rows[0].i].table : null;
  }

  /** Never a banned team: its row carries the ban, and members must not start afresh by emptying it. */
  async deleteTeam({ team, manager }: TeamLock): Promise<void> {
    await manager.delete(TeamEntity, { id: team.id, banned: false });
  }

  /** Makes `userId` the captain and the old captain a member (the one-captain index holds throughout). */
  async transferCaptain({ team, manager }: TeamLock, userId: string): Promise<void> {
    await manager.update(TeamMemberEntity, { teamId: team.id, role: TeamRole.Captain }, { role: TeamRole.Member });
    await manager.update(TeamMemberEntity, { teamId: team.id, userId }, { role: TeamRole.Captain });
  }

  async setInviteCode({ team, manager }: TeamLock, inviteCode: string): Promise<void> {
    await manager.update(TeamEntity, { id: team.id }, { inviteCode });
  }

  /** Renames the team under its lock; 'name-taken' when another team of the event has the name (any case). */
  async rename({ team, manager }: TeamLock, name: string): Promise<'renamed' | 'name-taken'> {
    try {
      await manager.transaction((inner) => inner.update(TeamEntity, { id: team.id }, { name }));
      return 'renamed';
    } catch (error) {
      if (isUniqueViolation(error, 'teams_event_name_key')) return 'name-taken';
      throw error;
    }
  }

  /** The team holding this invite code, with its event's slug and title; null when none does. */
  findByInviteCode(inviteCode: string): Promise<(TeamEntity & { event: EventEntity }) | null> {
    return this.dataSource.getRepository(TeamEntity).findOne({ where: { inviteCode }, relations: { event: true } }) as Promise<(TeamEntity & { event: EventEntity }) | null>;
  }

  /** Sets the flags given in one statement; false when the team is not in the event. */
  async setModeration(eventId: string, teamId: string, flags: Partial<Pick<TeamEntity, 'hidden' | 'banned' | 'division'>>): Promise<boolean> {
    const result = await this.dataSource.getRepository(TeamEntity).update({ id: teamId, eventId }, flags);
    return (result.affected ?? 0) > 0;
  }

  findWithMembers(teamId: string): Promise<TeamWithMembers | null> {
    return this.dataSource.getRepository(TeamEntity).findOne({
      where: { id: teamId },
      relations: { members: { user: true } },
      order: { members: { joinedAt: 'ASC', userId: 'ASC' } },
    }) as Promise<TeamWithMembers | null>;
  }

  async findMembershipTeam(eventId: string, userId: string): Promise<MembershipTeam | null> {
    const rows: MembershipTeam[] = await this.dataSource.query(
      'SELECT t.id, t.hidden, t.banned FROM team_members m JOIN teams t ON t.id = m.team_id WHERE m.event_id = $1 AND m.user_id = $2',
      [eventId, userId],
    );
    return rows[0] ?? null;
  }

  async findOfUser(eventId: string, userId: string): Promise<TeamWithMembers | null> {
    const membership = await this.dataSource.getRepository(TeamMemberEntity).findOneBy({ eventId, userId });
    return membership ? this.findWithMembers(membership.teamId) : null;
  }

  /** A page of the event's teams, oldest first: visible ones only unless `withHidden` (organisers); `nameLike`: any case. */
  async findPage(eventId: string, limit: number, offset: number, options: { withHidden?: boolean; nameLike?: string } = {}): Promise<Page<TeamWithMembers>> {
    const repository = this.dataSource.getRepository(TeamEntity);
    const [ids, total] = await repository.findAndCount({
      select: { id: true },
      where: {
        eventId,
        ...(options.withHidden ? {} : { hidden: false }),
        ...(options.nameLike ? { name: ILike(`%${options.nameLike.replace(/[\\%_]/g, '\\$&')}%`) } : {}),
      },
      order: { createdAt: 'ASC', id: 'ASC' },
      take: limit,
      skip: offset,
    });
    if (ids.length === 0) return { items: [], total };
    const teams = (await repository.find({
      where: ids.map(({ id }) => ({ id })),
      relations: { members: { user: true } },
      order: { createdAt: 'ASC', id: 'ASC', members: { joinedAt: 'ASC', userId: 'ASC' } },
    })) as TeamWithMembers[];
    return { items: teams, total };
  }
}
