import { AuthContext } from '@arena/common';
import { AppConfig } from '@arena/config';
import { LiveMessage } from '@arena/jobs';
import { EventEntity, LeaderboardVisibility, TokenGrant, TokenRevocations } from '@arena/registration';
import { TeamsService } from '@arena/teams';
import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { audienceKey } from './audience-key';
import { BoardCache } from './board-cache.service';
import { BoardView } from './board-document';
import { BoardQueryDto } from './dto/board-query.dto';
import { BoardRead, LeaderboardService } from './leaderboard.service';
import { PushThrottle } from './push-throttle';
import { StreamWriter } from './stream-writer';

const HEARTBEAT_MS = 15_000;
// Boards wait for a slow client's socket to drain (only the latest is kept), so this bounds the small messages only.
const MAX_BUFFERED_BYTES = 512 * 1024;
// A client whose socket takes nothing for this long reads nothing: dropped (checked with the heartbeat).
const STALL_MS = 60_000;
// setTimeout's largest delay; a token living longer is re-checked then (the client reconnects).
const MAX_TIMER_MS = 2 ** 31 - 1;
// Stream clients written per turn of the event loop when a board goes out.
const PUSH_SLICE = 100;
// The last message of a stream whose token ended: the client reconnects with a fresh one, its rights checked again.
const reconnect = (reason: 'token-expired' | 'token-revoked') => `event: reconnect\ndata: ${JSON.stringify({ reason })}\n\n`;

interface Frame {
  version: number;
  /** Encoded once: a push writes the same bytes to every client (a 500-row board is about 50 KB). */
  bytes: Buffer;
  /**
   * The standings only: a new version with the same ones is not sent (it would leak the timing of frozen solves). The
   * same string as the previous frame's when equal, so a push of unchanged standings costs each client a pointer check.
   */
  content: string;
}

/** A stream opened with a token: it ends when the token's generation is revoked (TokenRevocations). */
interface HeldToken {
  grant: TokenGrant;
  /** Ends the stream after `event: reconnect` with the reason. */
  end: (reason: 'token-revoked') => void;
}

/** One open stream: what it was granted at connect, and what it was last sent. */
interface StreamClient {
  /** The caller, to check again that they are still in `teamId` before their team's submission messages. */
  userId: string | null;
  teamId: string | null;
  /** Keeps the team's submission messages in order while each waits for that check. */
  relayed: Promise<void>;
  lastSent: number | null;
  lastContent: string | null;
  writer: StreamWriter;
}

/** The streams of one event, board query and view on this instance: one read and one serialisation per push. */
interface Audience {
  key: string;
  slug: string;
  view: BoardView;
  query: BoardQueryDto;
  clients: Set<StreamClient>;
  frame: Frame | null;
  /** At most one push per BOARD_PUSH_INTERVAL_MS, the latest board, however fast versions come. */
  throttle: PushThrottle;
  /** Resolves once subscribed to the event's boards and messages, with what undoes it. */
  subscribed: Promise<Array<() => void>>;
}

/**
 * Server-Sent Events: the current board on connect, then the latest version at most once per BOARD_PUSH_INTERVAL_MS
 * (per event, view and board query), from one Redis subscription. Each connection's view (public, team, organiser)
 * is resolved once, when it connects, and lasts until its access token expires or is revoked (a disable or a role
 * change): the stream then ends and the client reconnects with a fresh token, its rights checked again.
 */
@Injectable()
export class LeaderboardStreamService implements OnModuleDestroy {
  private readonly logger = new Logger(LeaderboardStreamService.name);
  private clients = 0;
  private readonly audiences = new Map<string, Audience>();
  /** The streams opened with a token, by user: a revocation ends theirs without a scan of every stream. */
  private readonly held = new Map<string, Set<HeldToken>>();
  private readonly stopFollowingRevocations: () => void;

  constructor(
    private readonly boards: LeaderboardService,
    private readonly cache: BoardCache,
    private readonly teams: TeamsService,
    private readonly config: AppConfig,
    private readonly revocations: TokenRevocations,
  ) {
    this.stopFollowingRevocations = revocations.onRevoked((userId) => this.endRevoked(userId));
  }

  onModuleDestroy(): void {
    this.stopFollowingRevocations();
  }

  get connectedClients(): number {
    return this.clients;
  }

  /** Audiences with a board push going or waiting for its interval (tests wait for 0 before counting reads). */
  get pushesPending(): number {
    let pending = 0;
    for (const audience of this.audiences.values()) pending += audience.throttle.idle ? 0 : 1;
    return pending;
  }

  /** Streams whose latest board waits for their socket to drain, and the bytes the api holds for all streams unread. */
  get backlog(): { holding: number; unreadBytes: number } {
    let holding = 0;
    let unreadBytes = 0;
    for (const audience of this.audiences.values()) {
      for (const client of audience.clients) {
        holding += client.writer.holding ? 1 : 0;
        unreadBytes += client.writer.unreadBytes;
      }
    }
    return { holding, unreadBytes };
  }

  /**
   * Checks access with a normal read (so errors are JSON), then holds the connection open until the client leaves, or
   * the access token it was opened with (`grant`) expires or is revoked.
   */
  async open(auth: AuthContext | undefined, slug: string, query: BoardQueryDto, request: FastifyRequest, reply: FastifyReply, grant: TokenGrant | null): Promise<void> {
    const event = await this.boards.event(slug);
    const view = await this.boards.viewOf(auth, event, query.view);
    const first = await this.boards.readView(event, view, query);
    const teamId = auth ? ((await this.teams.teamOf(event.id, auth.userId))?.id ?? null) : null;
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
    // Every write goes through here: a slow reader gets the latest board when it catches up, one that reads nothing is dropped.
    const writer = new StreamWriter(raw, { maxUnreadBytes: MAX_BUFFERED_BYTES, stallMs: STALL_MS }, (unread, why) =>
      this.logger.warn(`dropping a slow leaderboard client of event ${event.id} (${why}, ${unread} bytes unread)`),
    );
    onClose(() => writer.close());
    const end = (reason: 'token-expired' | 'token-revoked') => {
      if (closed) return;
      writer.message(reconnect(reason));
      close();
      raw.end();
    };
    // Followed from here on, then checked once: a revocation that came while the stream was being set up ends it too.
    if (grant) onClose(this.hold({ grant, end }));
    if (grant && this.revocations.isRevoked(grant.userId, grant.generation)) return end('token-revoked');
    const client: StreamClient = { userId: auth?.userId ?? null, teamId, relayed: Promise.resolve(), lastSent: null, lastContent: null, writer };
    const audience = this.join(event, view, query, client);
    onClose(() => this.leave(audience, client));
    if (Number(request.headers['last-event-id']) === first.version) client.lastSent = first.version;
    else this.deliver(client, this.frame(audience, first));
    const expiresAt = grant?.expiresAt ?? null;
    if (expiresAt !== null) {
      const expiry = setTimeout(() => end('token-expired'), Math.min(Math.max(0, expiresAt - Date.now()), MAX_TIMER_MS));
      onClose(() => clearTimeout(expiry));
    }
    const heartbeat = setInterval(() => {
      // A backstop: the revocation's listener ends the stream at once; this catches one that somehow missed it.
      if (grant && this.revocations.isRevoked(grant.userId, grant.generation)) return end('token-revoked');
      writer.message(': heartbeat\n\n');
      writer.checkStall();
    }, HEARTBEAT_MS);
    onClose(() => clearInterval(heartbeat));
    await audience.subscribed;
  }

  /** Follows a token's revocation; returns what stops it. */
  private hold(token: HeldToken): () => void {
    let tokens = this.held.get(token.grant.userId);
    if (!tokens) this.held.set(token.grant.userId, (tokens = new Set()));
    tokens.add(token);
    return () => {
      tokens.delete(token);
      if (tokens.size === 0 && this.held.get(token.grant.userId) === tokens) this.held.delete(token.grant.userId);
    };
  }

  private endRevoked(userId: string): void {
    const tokens = this.held.get(userId);
    if (!tokens) return;
    // Ending a stream removes it from the set: iterate over a copy.
    for (const token of [...tokens]) if (this.revocations.isRevoked(userId, token.grant.generation)) token.end('token-revoked');
  }

  private join(event: EventEntity, view: BoardView, query: BoardQueryDto, client: StreamClient): Audience {
    const key = audienceKey(event.id, view, query);
    let audience = this.audiences.get(key);
    if (!audience) {
      const created: Audience = {
        key,
        slug: event.slug,
        view,
        query,
        clients: new Set(),
        frame: null,
        throttle: new PushThrottle(this.config.BOARD_PUSH_INTERVAL_MS, () => this.push(created)),
        subscribed: Promise.resolve([]),
      };
      created.subscribed = Promise.all([
        this.cache.subscribe(event.id, () => created.throttle.trigger()),
        this.cache.subscribeLive(event.id, (message) => this.relay(event.id, created, message)),
      ]);
      this.audiences.set(key, created);
      audience = created;
    }
    audience.clients.add(client);
    return audience;
  }

  private leave(audience: Audience, client: StreamClient): void {
    audience.clients.delete(client);
    if (audience.clients.size > 0 || this.audiences.get(audience.key) !== audience) return;
    this.audiences.delete(audience.key);
    audience.throttle.stop();
    audience.subscribed.then(
      (undo) => undo.forEach((unsubscribe) => unsubscribe()),
      () => undefined,
    );
  }

  /**
   * The latest board version (throttled: one push may stand for several versions): read once for the whole audience,
   * as stored, serialised once, written to each client.
   */
  private async push(audience: Audience): Promise<void> {
    try {
      const event = await this.boards.event(audience.slug);
      const frame = this.frame(audience, await this.boards.readView(event, audience.view, audience.query, false));
      // A thousand writes at once would hold every other request up (a flag attempt's answer waited behind them):
      // the clients are written a slice per turn of the event loop.
      const clients = [...audience.clients];
      for (let from = 0; from < clients.length; from += PUSH_SLICE) {
        if (from > 0) await new Promise((resolve) => setImmediate(resolve));
        for (const client of clients.slice(from, from + PUSH_SLICE)) if (this.mayStillSee(event, audience.view, client)) this.deliver(client, frame);
      }
    } catch (error) {
      this.logger.warn(`leaderboard push for ${audience.key} failed: ${(error as Error).message}`);
    }
  }

  /** An organiser narrowing the board's visibility stops the public pushes at once (from memory, no query). */
  private mayStillSee(event: EventEntity, view: BoardView, client: StreamClient): boolean {
    if (view === 'live' || event.leaderboardVisibility === LeaderboardVisibility.Public) return true;
    return event.leaderboardVisibility === LeaderboardVisibility.Participants && client.teamId !== null;
  }

  /**
   * Announcements go to everyone; a submission's status only to its own team, each message after checking that the
   * caller is still in it (a member removed or gone must not keep reading the team's scores). Submission messages are
   * few (a handful per upload), so the check is one query per message and team member.
   */
  private relay(eventId: string, audience: Audience, message: LiveMessage): void {
    const text = `event: ${message.kind}\ndata: ${JSON.stringify(message.payload)}\n\n`;
    for (const client of audience.clients) {
      if (message.kind !== 'submission') client.writer.message(text);
      else if (message.payload.teamId === client.teamId) client.relayed = client.relayed.then(() => this.relayToMember(eventId, client, text));
    }
  }

  private async relayToMember(eventId: string, client: StreamClient, text: string): Promise<void> {
    const team = client.userId ? await this.teams.teamOf(eventId, client.userId).catch(() => null) : null;
    if (team !== null && team.id === client.teamId) client.writer.message(text);
    else client.teamId = null;
  }

  private frame(audience: Audience, read: BoardRead): Frame {
    if (audience.frame && audience.frame.version >= read.version) return audience.frame;
    const text = `id: ${read.version}\nevent: leaderboard\ndata: ${JSON.stringify(read.body)}\n\n`;
    const content = JSON.stringify([read.body.frozen, read.body.rows]);
    audience.frame = { version: read.version, bytes: Buffer.from(text), content: audience.frame?.content === content ? audience.frame.content : content };
    return audience.frame;
  }

  private deliver(client: StreamClient, frame: Frame): void {
    if (client.lastSent !== null && frame.version <= client.lastSent) return;
    client.lastSent = frame.version;
    // Same standings, new version (e.g. solves during the freeze): nothing is sent, so nothing leaks their timing.
    if (frame.content === client.lastContent) return;
    client.lastContent = frame.content;
    client.writer.board(frame.bytes);
  }
}
