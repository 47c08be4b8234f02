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
  private readonly frames = new Map<string, { version: number; text: string; content: string }>();

  constructor(
    private readonly boards: LeaderboardService,
    private readonly cache: BoardCache,
    private readonly teams: TeamsService,
  ) {}

  /** One serialisation per board version and query, written to every client that asked the same. */
  private frame(key: string, version: number, body: { rows: unknown; frozen: boolean }): { text: string; content: string } {
    const cached = this.frames.get(key);
    if (cached?.version === version) return cached;
    const text = `id: ${version}\nevent: leaderboard\ndata: ${JSON.stringify(body)}\n\n`;
    const content = JSON.stringify([body.frozen, body.rows]);
    if (this.frames.size > 10_000) this.frames.clear();
    const frame = { version, text, content };
    this.frames.set(key, frame);
    return frame;
  }

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
    // Send the headers now: a client resuming at the current version gets no frame yet, and would otherwise wait
    // for the first heartbeat (15 s) to learn that the stream is open.
    raw.flushHeaders();
    let lastSent: number | null = null;
    let closed = false;
    // Registered before any await: a client that leaves while the stream is being set up releases what it got.
    const cleanups: Array<() => void> = [];
    const onClose = (cleanup: () => void) => (closed ? cleanup() : void cleanups.push(cleanup));
    const close = () => {
      closed = true;
      for (const cleanup of cleanups.splice(0)) cleanup();
    };
    raw.on('close', close);
    this.clients += 1;
    onClose(() => (this.clients -= 1));
    if (raw.destroyed || !raw.socket || raw.socket.destroyed) close();
    // Every write goes through here, so a client that does not read is dropped whatever it is sent.
    const write = (text: string) => {
      if (closed) return;
      raw.write(text);
      if (raw.writableLength > MAX_BUFFERED_BYTES) {
        this.logger.warn(`dropping a slow leaderboard client of event ${event.id} (${raw.writableLength} bytes unread)`);
        raw.destroy();
      }
    };
    const frameKey = `${event.id}|${JSON.stringify(query)}`;
    let lastContent: string | null = null;
    const send = (version: number, body: { rows: unknown; frozen: boolean }, view: string) => {
      if (closed || version === lastSent) return;
      lastSent = version;
      const frame = this.frame(`${frameKey}|${view}`, version, body);
      // Same standings, new version (e.g. solves during the freeze): nothing is sent, so nothing leaks their timing.
      if (frame.content === lastContent) return;
      lastContent = frame.content;
      write(frame.text);
    };
    const resumeFrom = Number(request.headers['last-event-id']);
    if (resumeFrom !== first.version) send(first.version, first.body, first.view);
    else lastSent = first.version;
    onClose(
      await this.cache.subscribe(event.id, () => {
        this.boards.read(auth, slug, query).then(
          (next) => send(next.version, next.body, next.view),
          (error: Error) => this.logger.warn(`leaderboard push for event ${event.id} failed: ${error.message}`),
        );
      }),
    );
    // Announcements go to everyone; a submission's status only to its own team.
    const team = auth ? await this.teams.teamOf(event.id, auth.userId) : null;
    onClose(
      await this.cache.subscribeLive(event.id, (message) => {
        if (message.kind === 'submission' && message.payload.teamId !== team?.id) return;
        write(`event: ${message.kind}\ndata: ${JSON.stringify(message.payload)}\n\n`);
      }),
    );
    const heartbeat = setInterval(() => write(': heartbeat\n\n'), HEARTBEAT_MS);
    onClose(() => clearInterval(heartbeat));
  }
}
