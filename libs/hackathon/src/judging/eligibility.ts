import { ProjectEntity } from '../projects/entities/project.entity';
import { HackathonSettingsEntity } from '../settings/entities/hackathon-settings.entity';
import { JudgeConflictEntity } from './entities/judge-conflict.entity';
import { JudgeRow, TeamMembership } from './judges.repository';

/** What decides whether a judge may judge a project. */
export interface EligibilityFacts {
  settings: HackathonSettingsEntity;
  judges: JudgeRow[];
  projects: ProjectEntity[];
  conflicts: JudgeConflictEntity[];
  memberships: Map<string, TeamMembership>;
  judgeTracks: Map<string, string[]>;
}

/**
 * A judge may judge a project unless: they declared a conflict with its team, they are in the team,
 * the event excludes judges from a team member's country and theirs is one, or they judge only
 * some tracks and the project is in none of them.
 */
export function eligibility(facts: EligibilityFacts): (judgeId: string, projectId: string) => boolean {
  const conflicted = new Set(facts.conflicts.map((conflict) => `${conflict.judgeId}:${conflict.teamId}`));
  const countryOf = new Map(facts.judges.map((judge) => [judge.id, judge.country]));
  const projects = new Map(facts.projects.map((project) => [project.id, project]));
  return (judgeId, projectId) => {
    const project = projects.get(projectId);
    if (!project) return false;
    if (conflicted.has(`${judgeId}:${project.teamId}`)) return false;
    const team = facts.memberships.get(project.teamId);
    if (team?.users.has(judgeId)) return false;
    if (facts.settings.excludeSameCountryJudges && team?.countries.has(countryOf.get(judgeId) ?? '')) return false;
    const tracks = facts.judgeTracks.get(judgeId) ?? [];
    return tracks.length === 0 || project.tracks.some((track) => tracks.includes(track));
  };
}
