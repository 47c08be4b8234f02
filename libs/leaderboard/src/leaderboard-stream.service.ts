import { AuthContext } from '@arena/common';
import { TeamsService } from '@arena/teams';
import { Injectable, Logger } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { BoardCache } from './board-cache.service';
import { BoardQueryDto } from './dto/board-query.dto';
import { LeaderboardService } from './leaderboard.service';

const HEARTBEAT_MS = 15_000;
// A client that has not read this much of what we sent is too slow: it is dropped, not buffered for.
const MAX_BUFFERED_BYTES = 512 * 1024;

/** Server-Sent Events: the current board on connect, then every new version, from one Redis subscription. */
@Injectable()
export class LeaderboardStreamService {
  private readonly logger = new Logger(LeaderboardStreamService.name);
  private clients = 0;

  constructor(
    private readonly boards: LeaderboardService,
    private readonly cache: BoardCache,
    private readonly teams: TeamsService,
  ) {}

  get connectedClients(): number {
    return this.clients;
  }

  /** Checks access with a normal read (so errors are JSON), then holds the connection open. */
  async open(auth: AuthContext | undefined, slug: string, query: BoardQueryDto, request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const first = await this.boards.read(auth, slug, query);
    const event = await this.boards.event(slug);
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    let lastSent: number | null = null;
    let closed = false;
    const send = (version: number, body: unknown) => {
      if (closed || version === lastSent) return;
      lastSent = version;
      raw.write(`id: ${version}\nevent: leaderboard\ndata: ${JSON.stringify(body)}\n\n`);
      if (raw.writableLength > MAX_BUFFERED_BYTES) {
        this.logger.warn(`dropping a slow leaderboard client of event ${event.id} (${raw.writableLength} bytes unread)`);
        raw.destroy();
      }
    };
    const resumeFrom = Number(request.headers['last-event-id']);
    if (resumeFrom !== first.version) send(first.version, first.body);
    else lastSent = first.version;
    const unsubscribe = await this.cache.subscribe(event.id, () => {
      this.boards.read(auth, slug, query).then(
        (next) => send(next.version, next.body),
        (error: Error) => this.logger.warn(`leaderboard push for event ${event.id} failed: ${error.message}`),
      );
    });
    // Announcements go to everyone; a submission's status only to its own team.
    const team = auth ? await this.teams.teamOf(event.id, auth.userId) : null;
    const unsubscribeLive = await this.cache.subscribeLive(event.id, (message) => {
      if (closed) return;
      if (message.kind === 'submission' && message.payload.teamId !== team?.id) return;
      raw.write(`event: ${message.kind}\ndata: ${JSON.stringify(message.payload)}\n\n`);
    });
    const heartbeat = setInterval(() => {
      if (!closed) raw.write(': heartbeat\n\n');
    }, HEARTBEAT_MS);
    this.clients += 1;
    raw.on('close', () => {
      closed = true;
      this.clients -= 1;
      clearInterval(heartbeat);
      unsubscribe();
      unsubscribeLive();
    });
  }
}
