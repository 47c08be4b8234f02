import { EventEntity } from '@arena/registration';
import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { HackathonSettingsEntity } from '../settings/entities/hackathon-settings.entity';
import { AssignmentsRepository } from './assignments.repository';
import { eligibility } from './eligibility';
import { EligibilityService } from './eligibility.service';
import { JudgeAssignmentEntity } from './entities/judge-assignment.entity';

/** What a recusal did: false when the assignment was not active; `replacedBy` null when no judge was left to take the project. */
export type RecusalOutcome = { recused: false } | { recused: true; replacedBy: JudgeAssignmentEntity | null };

/**
 * Ends an assignment and hands its project to the least-loaded eligible judge (not conflicted, never
 * assigned to that project). Callers hold the event's settings lock in `write` mode, so concurrent
 * recusals run one after another and each sees the loads the previous one left.
 */
@Injectable()
export class RecusalsService {
  private readonly logger = new Logger(RecusalsService.name);

  constructor(
    private readonly assignments: AssignmentsRepository,
    private readonly facts: EligibilityService,
  ) {}

  async recuseAndReplace(manager: EntityManager, event: EventEntity, settings: HackathonSettingsEntity, id: string, reason: string): Promise<RecusalOutcome> {
    const ended = await this.assignments.recuse(manager, id, reason);
    if (!ended) return { recused: false };
    const judgeId = await this.leastLoaded(manager, event, settings, ended);
    if (!judgeId) {
      // Stays unassigned: the progress dashboard shows the project short of judges and the organiser can reassign it later.
      this.logger.warn(`project ${ended.projectId} of event ${event.id} has no eligible judge left after a recusal`);
      return { recused: true, replacedBy: null };
    }
    const row = await this.assignments.insert(manager, { eventId: event.id, projectId: ended.projectId, judgeId });
    if (row) await this.assignments.markReplaced(manager, id, row.id);
    this.logger.log(`project ${ended.projectId} of event ${event.id} reassigned to judge ${judgeId} after a recusal`);
    return { recused: true, replacedBy: row };
  }

  /** The least-loaded judge who may take the project (ties: the judge added first), or null. */
  async leastLoaded(manager: EntityManager, event: EventEntity, settings: HackathonSettingsEntity, old: JudgeAssignmentEntity): Promise<string | null> {
    const facts = await this.facts.load(manager, event, settings);
    const eligible = eligibility(facts);
    const taken = await this.assignments.judgesOf(manager, old.projectId);
    const loads = await this.assignments.loads(manager, event.id);
    const candidates = facts.judges.filter((judge) => !taken.has(judge.id) && eligible(judge.id, old.projectId));
    if (candidates.length === 0) return null;
    return candidates.reduce((best, judge) => ((loads.get(judge.id) ?? 0) < (loads.get(best.id) ?? 0) ? judge : best)).id;
  }
}
