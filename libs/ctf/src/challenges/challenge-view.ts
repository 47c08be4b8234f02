import { challengeValue, ValueFunction } from '@arena/scoring';
import { ChallengeDetailDto, ChallengeViewDto } from './dto/challenge.dto';
import { ChallengeEntity } from './entities/challenge.entity';
import { typeOf } from './challenge-rules';
import { FirstBlood } from './challenges.repository';

/** What a board knows when it renders challenges for one caller. */
export interface BoardFacts {
  slug: string;
  counts: Map<string, number>;
  bloods: Map<string, FirstBlood>;
  solved: Set<string>;
  wrong: Map<string, number>;
  unlocked: Set<string>;
  /** Organisers, and everyone once the event ended, see every hint. */
  revealHints: boolean;
  organiser: boolean;
}

export const valueParams = (challenge: ChallengeEntity) => ({
  function: challenge.valueFunction,
  value: challenge.value,
  initial: challenge.initial,
  minimum: challenge.minimum,
  decay: challenge.decay,
});

export function currentValue(challenge: ChallengeEntity, counts: Map<string, number>): number {
  return challengeValue(valueParams(challenge), counts.get(challenge.id) ?? 0);
}

export function toView(challenge: ChallengeEntity, facts: BoardFacts): ChallengeViewDto {
  const blood = facts.bloods.get(challenge.id);
  return {
    id: challenge.id,
    name: challenge.name,
    category: challenge.category,
    description: challenge.description,
    author: challenge.author,
    attribution: challenge.attribution ?? null,
    tags: challenge.tags,
    connectionInfo: challenge.connectionInfo,
    value: currentValue(challenge, facts.counts),
    solves: facts.counts.get(challenge.id) ?? 0,
    solvedByMe: facts.solved.has(challenge.id),
    attemptsLeft: challenge.maxAttempts === 0 ? null : Math.max(0, challenge.maxAttempts - (facts.wrong.get(challenge.id) ?? 0)),
    hints: (challenge.hints ?? []).map((hint) => {
      const unlocked = facts.unlocked.has(hint.id);
      const shown = unlocked || hint.cost === 0 || facts.revealHints;
      return { id: hint.id, cost: hint.cost, unlocked, ...(shown ? { content: hint.content } : {}) };
    }),
    files: (challenge.files ?? []).map((file) => ({
      id: file.id,
      name: file.name,
      url: `/api/v1/events/${facts.slug}/challenges/${challenge.id}/files/${file.id}`,
      size: file.size,
      sha256: file.sha256,
    })),
    firstBlood: blood ? { teamId: blood.teamId, teamName: blood.teamName, at: blood.at.toISOString() } : null,
    ...(facts.organiser ? { state: challenge.state } : {}),
  };
}

export function toDetail(challenge: ChallengeEntity, facts: BoardFacts, namesById: Map<string, string>): ChallengeDetailDto {
  return {
    ...toView(challenge, facts),
    state: challenge.state,
    type: typeOf(challenge.valueFunction),
    function: challenge.valueFunction === ValueFunction.Static ? null : challenge.valueFunction,
    initial: challenge.initial,
    minimum: challenge.minimum,
    decay: challenge.decay,
    maxAttempts: challenge.maxAttempts,
    position: challenge.position,
    requirements: challenge.requirements.map((id) => namesById.get(id) ?? id),
    flags: (challenge.flags ?? []).map((flag) => ({ id: flag.id, type: flag.kind, content: flag.content, caseInsensitive: flag.caseInsensitive })),
  };
}
