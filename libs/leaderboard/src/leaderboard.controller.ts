import { AuthContext } from '@arena/common';
import { HistoryQueryDto, RecentSolveDto, RecentSolvesQueryDto, TeamHistoryDto } from '@arena/ctf';
import { AccessTokensService, CurrentUser, EventDto, EventsService, Public } from '@arena/registration';
import { Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { FastifyReply, FastifyRequest } from 'fastify';
import { BoardFeeds, CachedAnswer } from './board-feeds.service';
import { BOARD_PAGE_ROUTE, BoardPages } from './board-pages';
import { BoardQueryDto, StreamQueryDto } from './dto/board-query.dto';
import { BoardResponseDto, CtftimeFeedDto } from './dto/board-response.dto';
import { LeaderboardStreamService } from './leaderboard-stream.service';
import { LeaderboardService } from './leaderboard.service';

// Boards are public unless the event says otherwise; a token, when sent, shows organisers the live board.
@ApiTags('leaderboards')
@ApiBearerAuth()
@Public()
@Controller('events/:slug')
export class LeaderboardController {
  constructor(
    private readonly boards: LeaderboardService,
    private readonly streams: LeaderboardStreamService,
    private readonly feeds: BoardFeeds,
    private readonly tokens: AccessTokensService,
    private readonly events: EventsService,
    private readonly pages: BoardPages,
  ) {}

  /**
   * The cached board; `ETag`/`If-None-Match` answer 304 while it is unchanged. The answer is serialized once:
   * anonymous reads of the same URL are then served from it (BoardPages) until the board changes.
   */
  @Get('leaderboard')
  @RouteConfig({ [BOARD_PAGE_ROUTE]: true })
  @ApiOkResponse({ type: BoardResponseDto, description: 'the board; `ETag`/`If-None-Match` answer 304 while it is unchanged' })
  async leaderboard(
    @CurrentUser() auth: AuthContext | undefined,
    @Param('slug') slug: string,
    @Query() query: BoardQueryDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer | undefined> {
    const { body, version, view, reusableUntil } = await this.boards.read(auth, slug, query);
    const etag = `W/"${version}-${Date.parse(body.updatedAt)}-${view}-${query.division ?? ''}-${body.taskId ?? ''}-${body.board ?? ''}-${query.offset}-${query.limit}"`;
    return this.send(request, reply, { eventId: body.eventId, view, etag, body: Buffer.from(JSON.stringify(body)), reusableUntil });
  }

  /**
   * A cached answer with its ETag (304 when unchanged); public ones are kept as pages, from which BoardPages answers
   * the next anonymous reads of the same URL before the framework's pipeline, until the event's boards or feeds change.
   */
  private send(request: FastifyRequest, reply: FastifyReply, answer: CachedAnswer): Buffer | undefined {
    const cacheControl = answer.view === 'public' ? 'public, max-age=1' : 'private, no-store';
    if (answer.view === 'public' && BoardPages.cacheable(request)) {
      this.pages.remember(request.url, { eventId: answer.eventId, etag: answer.etag, cacheControl, body: answer.body, until: answer.reusableUntil });
    }
    void reply.header('ETag', answer.etag).header('Cache-Control', cacheControl);
    if (request.headers['if-none-match'] === answer.etag) {
      void reply.status(304);
      return undefined;
    }
    void reply.header('content-type', 'application/json; charset=utf-8');
    return answer.body;
  }

  /**
   * Server-Sent Events: `event: leaderboard` with the same JSON as the board, on connect and on every change; with a
   * token, until it expires or is revoked (a last `event: reconnect` says which).
   */
  @Get('leaderboard/stream')
  @ApiProduces('text/event-stream')
  stream(
    @CurrentUser() auth: AuthContext | undefined,
    @Param('slug') slug: string,
    @Query() query: StreamQueryDto,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { access_token: queryToken, ...board } = query;
    // The token the caller was identified by: the stream ends when it expires or is revoked (the client reconnects
    // with a new one).
    const token = auth ? /^Bearer (.+)$/i.exec(request.headers.authorization ?? '')?.[1] : queryToken;
    const caller = auth ?? this.tokens.verify(queryToken);
    return this.streams.open(caller, slug, board, request, reply, caller ? this.tokens.grant(token) : null);
  }

  /** After the event, organisers end the freeze for everyone; the stream pushes the revealed board. */
  @Post('leaderboard/reveal')
  @HttpCode(200)
  @ApiOkResponse({ type: EventDto })
  reveal(@CurrentUser() auth: AuthContext, @Param('slug') slug: string): Promise<EventDto> {
    return this.events.reveal(auth, slug);
  }

  /** The score graph: cumulative score over time of the top N teams, computed with the board (same version, same view). */
  @Get('leaderboard/history')
  @RouteConfig({ [BOARD_PAGE_ROUTE]: true })
  @ApiOkResponse({ type: [TeamHistoryDto], description: 'cumulative score over time of the top teams' })
  async history(
    @CurrentUser() auth: AuthContext | undefined,
    @Param('slug') slug: string,
    @Query() query: HistoryQueryDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer | undefined> {
    return this.send(request, reply, await this.feeds.history(auth, slug, query));
  }

  /**
   * The latest solves, newest first, with first bloods marked (the projector's ticker), computed with the board (same
   * version, same view: during the freeze the public sees none made since).
   */
  @Get('leaderboard/solves')
  @RouteConfig({ [BOARD_PAGE_ROUTE]: true })
  @ApiOkResponse({ type: [RecentSolveDto] })
  async solves(
    @CurrentUser() auth: AuthContext | undefined,
    @Param('slug') slug: string,
    @Query() query: RecentSolvesQueryDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer | undefined> {
    return this.send(request, reply, await this.feeds.solves(auth, slug, query));
  }

  /** The CTFtime scoreboard feed, computed with the board (same version, same view). */
  @Get('ctftime.json')
  @RouteConfig({ [BOARD_PAGE_ROUTE]: true })
  @ApiOkResponse({ type: CtftimeFeedDto })
  async ctftime(
    @CurrentUser() auth: AuthContext | undefined,
    @Param('slug') slug: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer | undefined> {
    return this.send(request, reply, await this.feeds.ctftime(auth, slug));
  }
}
