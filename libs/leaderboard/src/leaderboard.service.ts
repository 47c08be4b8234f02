import { ArenaError, AuthContext, ErrorKind } from '@arena/common';
import { CtfStandingsService, LeaderboardDto } from '@arena/ctf';
import { EventKind, EventsService } from '@arena/registration';
import { AiBoard, AiBoardService } from '@arena/submissions';
import { Injectable } from '@nestjs/common';
import { BoardQueryDto } from './dto/board-query.dto';

/** Each contest kind plugs in its own standings; this picks the event's. */
@Injectable()
export class LeaderboardService {
  constructor(
    private readonly events: EventsService,
    private readonly ctf: CtfStandingsService,
    private readonly ai: AiBoardService,
  ) {}

  async board(auth: AuthContext | undefined, slug: string, query: BoardQueryDto): Promise<LeaderboardDto | AiBoard> {
    const event = await this.events.getBySlug(slug);
    if (query.division !== undefined && !event.divisions.includes(query.division)) {
      throw new ArenaError(ErrorKind.Invalid, 'unknown-division', `division must be one of: ${event.divisions.join(', ') || '(this event has none)'}`);
    }
    switch (event.kind) {
      case EventKind.Ctf:
        return this.ctf.leaderboard(auth, slug, query);
      case EventKind.Ai:
        return this.ai.board(auth, slug, query);
      default:
        throw new ArenaError(ErrorKind.NotFound, 'leaderboard-unavailable', `standings of ${event.kind} events are not available yet`);
    }
  }
}
