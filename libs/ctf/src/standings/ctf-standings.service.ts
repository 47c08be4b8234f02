import { EventEntity } from '@arena/registration';
import { Injectable } from '@nestjs/common';
import { currentValue } from '../challenges/challenge-view';
import { ChallengesRepository } from '../challenges/challenges.repository';
import { ChallengeEntity } from '../challenges/entities/challenge.entity';
import { ctfSettings } from '../ctf-settings';
import { RankedRow, rankRows } from './ranking';
import { StandingsQuery, StandingsRepository } from './standings.repository';

/** A ranked board and what it was computed from: the feeds of the same version reuse it (see CtfFeedsService). */
export interface CtfSnapshot {
  rows: RankedRow[];
  query: StandingsQuery;
  challenges: ChallengeEntity[];
  /** Solves per challenge id before the query's cutoff (visible teams). */
  counts: Map<string, number>;
  /** When its reading began. */
  takenAt: Date;
}

/** Jeopardy standings exactly as scoring.md: current values, awards, tie-break, divisions, freeze. */
@Injectable()
export class CtfStandingsService {
  constructor(
    private readonly standings: StandingsRepository,
    private readonly challenges: ChallengesRepository,
  ) {}

  /**
   * The overall ranked board before `cutoff` (the leaderboard cache splits it by division). `withBanned` lists banned
   * teams too, ranked among the others and marked (the organisers' board); their solves never lower a value.
   */
  async rankedBoard(event: EventEntity, cutoff: Date | null, withBanned = false): Promise<RankedRow[]> {
    return (await this.snapshot(event, cutoff, withBanned)).rows;
  }

  /** The overall ranked board before `cutoff`, with its inputs. */
  async snapshot(event: EventEntity, cutoff: Date | null, withBanned = false): Promise<CtfSnapshot> {
    const takenAt = new Date();
    const { query, challenges, counts } = await this.inputs(event, cutoff, null);
    return { rows: rankRows(await this.standings.standings({ ...query, withBanned })), query, challenges, counts, takenAt };
  }

  private async inputs(event: EventEntity, cutoff: Date | null, division: string | null): Promise<Omit<CtfSnapshot, 'rows' | 'takenAt'>> {
    const [challenges, counts] = await Promise.all([this.challenges.findForBoard(event.id), this.challenges.solveCounts(event.id, cutoff)]);
    const query = {
      eventId: event.id,
      values: new Map(challenges.map((challenge) => [challenge.id, currentValue(challenge, counts)])),
      cutoff,
      firstBloodBonus: ctfSettings(event).firstBloodBonus,
      division,
    };
    return { query, challenges, counts };
  }
}
