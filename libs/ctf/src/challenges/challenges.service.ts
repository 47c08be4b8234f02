import { LeaderboardNotifier } from '@arena/jobs';
import { AuthContext, PlatformRole } from '@arena/common';
import { AppConfig } from '@arena/config';
import { EventEntity } from '@arena/registration';
import { BlobStore, readMultipart } from '@arena/submissions';
import { Injectable, Logger } from '@nestjs/common';
import { FastifyRequest } from 'fastify';
import { basename } from 'path';
import { Readable } from 'stream';
import { BoardView, CtfAccessService } from '../ctf-access.service';
import { CtfError, CtfErrorCode } from '../ctf.errors';
import { ChallengeState } from './challenge.enums';
import { applyChallengeFields, assertFlags, assertValueParams, valueFunctionOf } from './challenge-rules';
import { ChallengeBoardService, SolveFacts } from './challenge-board.service';
import { BoardFacts, toDetail, toView } from './challenge-view';
import { ChallengesRepository, emptyProgress, TeamProgress } from './challenges.repository';
import { ChallengeDetailDto, ChallengeViewDto, FileViewDto } from './dto/challenge.dto';
import { CreateChallengeDto } from './dto/create-challenge.dto';
import { UpdateChallengeDto } from './dto/update-challenge.dto';
import { ChallengeEntity } from './entities/challenge.entity';
import { BoardCallers, KeptCaller } from './board-callers';

/** Hidden, locked and missing challenges all answer this to participants. */
export const challengeNotFound = (id: string) => new CtfError(CtfErrorCode.ChallengeNotFound, `challenge ${id} not found`);

/** Participants see visible challenges whose requirements their team solved. */
export function isOpenTo(challenge: ChallengeEntity, solved: Set<string>): boolean {
  return challenge.state === ChallengeState.Visible && challenge.requirements.every((id) => solved.has(id));
}

@Injectable()
export class ChallengesService {
  private readonly logger = new Logger(ChallengesService.name);

  constructor(
    private readonly challenges: ChallengesRepository,
    private readonly access: CtfAccessService,
    private readonly blobs: BlobStore,
    private readonly config: AppConfig,
    private readonly leaderboards: LeaderboardNotifier,
    private readonly board: ChallengeBoardService,
    private readonly callers: BoardCallers,
  ) {}

  async create(auth: AuthContext, slug: string, dto: CreateChallengeDto): Promise<ChallengeDetailDto> {
    const event = await this.access.organiserView(auth, slug);
    const saved = await this.upsert(event, new ChallengeEntity(), dto);
    this.logger.log(`challenge ${saved.id} created in event ${event.id}`);
    return this.organiserDetail(event, saved.id);
  }

  async update(auth: AuthContext, slug: string, id: string, dto: UpdateChallengeDto): Promise<ChallengeDetailDto> {
    const event = await this.access.organiserView(auth, slug);
    const challenge = await this.challenges.findOne(event.id, id);
    if (!challenge) throw challengeNotFound(id);
    await this.upsert(event, challenge, dto);
    return this.organiserDetail(event, id);
  }

  /** Creates the challenge, or updates the one with the same name (re-import). */
  async upsertByName(event: EventEntity, dto: CreateChallengeDto): Promise<{ id: string; name: string; created: boolean }> {
    const existing = await this.challenges.findByName(event.id, dto.name);
    const saved = await this.upsert(event, existing ?? new ChallengeEntity(), dto);
    return { id: saved.id, name: saved.name, created: !existing };
  }

  async remove(auth: AuthContext, slug: string, id: string): Promise<void> {
    const event = await this.access.organiserView(auth, slug);
    const challenge = await this.challenges.findOne(event.id, id);
    if (!challenge) throw challengeNotFound(id);
    await this.challenges.remove(event.id, id);
    await Promise.all((challenge.files ?? []).map((file) => this.blobs.remove(file.blobKey)));
    this.logger.log(`challenge ${id} deleted from event ${event.id}`);
    await this.leaderboards.changed(event.id);
  }

  /**
   * The event-wide part (challenges, solve counts, first bloods) from memory shared by every reader; who the caller is
   * and their team's own progress from memory too, dropped at every change of the team (see BoardCallers).
   */
  async list(auth: AuthContext, slug: string): Promise<ChallengeViewDto[]> {
    const { view, progress } = await this.callerView(auth, slug);
    const [challenges, facts] = await Promise.all([this.board.challenges(view.event.id), this.facts(view, progress)]);
    return this.views(view, challenges, facts);
  }

  /**
   * As `list`, as JSON text (the fast path): a caller's text is kept with them and rebuilt only when something it shows
   * is no longer the same (the team's progress, the challenges, the solve facts, the hints revealed, the freeze).
   */
  async listJson(auth: AuthContext, slug: string): Promise<string> {
    const { view, progress, kept } = await this.callerView(auth, slug);
    const [challenges, facts] = await Promise.all([this.board.challenges(view.event.id), this.facts(view, progress)]);
    return kept ? this.keptListJson(kept, progress, view, challenges, facts) : JSON.stringify(this.views(view, challenges, facts));
  }

  /**
   * As `listJson`, synchronously, when everything it needs is in memory and fresh (the event, a kept caller, the
   * challenges and the solve facts): the same text `listJson` answers then. Undefined otherwise (and for platform
   * admins, whose role `listJson` re-reads): ask `listJson`.
   */
  listJsonNow(auth: AuthContext, slug: string): string | undefined {
    if (auth.role === PlatformRole.Admin) return undefined;
    const event = this.access.peekEvent(slug);
    const kept = event && this.callers.peek(event.id, auth.userId);
    if (!event || !kept) return undefined;
    const view = this.access.viewAs(event, kept.caller.organiser, kept.caller.team);
    const challenges = this.board.peekChallenges(event.id);
    const solves = this.board.peekSolves(event.id, view.cutoff);
    if (!challenges || !solves) return undefined;
    const { progress } = kept.caller;
    return this.keptListJson(kept, progress, view, challenges, this.factsOf(view, progress, solves));
  }

  /**
   * The kept caller's list text, rebuilt only when an input it was built from is no longer the one in use: the team's
   * progress (`facts` were made from; replaced, never changed, by BoardCallers), the challenges, the solve facts, the
   * hints revealed, the freeze.
   */
  private keptListJson(kept: KeptCaller, progress: TeamProgress, view: BoardView, challenges: ChallengeEntity[], facts: BoardFacts): string {
    const inputs = [progress, challenges, facts.counts, facts.bloods, facts.revealHints, facts.organiser, facts.slug, view.cutoff?.getTime() ?? null] as const;
    const last = kept.list;
    // The text kept is valid for the progress kept now (a text built from an older one, answered meanwhile, is not).
    const valid = last && last.inputs.length === inputs.length && inputs.every((input, index) => last.inputs[index] === (index === 0 ? kept.caller.progress : input));
    if (valid) return last.json;
    const json = JSON.stringify(this.views(view, challenges, facts));
    this.callers.keepList(kept, inputs, json);
    return json;
  }

  private views(view: BoardView, challenges: ChallengeEntity[], facts: BoardFacts): ChallengeViewDto[] {
    return challenges.filter((challenge) => view.organiser || isOpenTo(challenge, facts.solved)).map((challenge) => toView(challenge, facts));
  }

  /** Organisers get the whole definition (flags too, read fresh); participants the board view of an open challenge. */
  async detail(auth: AuthContext, slug: string, id: string): Promise<ChallengeDetailDto | ChallengeViewDto> {
    const { view, progress } = await this.callerView(auth, slug);
    if (view.organiser) return this.organiserDetail(view.event, id);
    const [challenges, facts] = await Promise.all([this.board.challenges(view.event.id), this.facts(view, progress)]);
    const challenge = challenges.find((one) => one.id === id);
    if (!challenge || !isOpenTo(challenge, facts.solved)) throw challengeNotFound(id);
    return toView(challenge, facts);
  }

  /** Admins organise every event (their role re-read); anyone else from BoardCallers. */
  private async callerView(auth: AuthContext, slug: string): Promise<{ view: BoardView; progress: TeamProgress; kept?: KeptCaller }> {
    const event = await this.access.cachedEvent(slug);
    if (auth.role === PlatformRole.Admin && (await this.access.isPlatformAdmin(auth))) return { view: this.access.viewAs(event, true, null), progress: emptyProgress() };
    const kept = await this.callers.of(event.id, auth.userId);
    const { caller } = kept;
    return { view: this.access.viewAs(event, caller.organiser, caller.team), progress: caller.progress, kept };
  }

  private async organiserDetail(event: EventEntity, id: string): Promise<ChallengeDetailDto> {
    const view: BoardView = { event, organiser: true, team: null, frozen: false, cutoff: null };
    const [challenge, all, facts] = await Promise.all([this.challenges.findOne(event.id, id), this.board.challenges(event.id), this.facts(view)]);
    if (!challenge) throw challengeNotFound(id);
    return toDetail(challenge, facts, new Map(all.map((other) => [other.id, other.name])));
  }

  async addFiles(auth: AuthContext, slug: string, id: string, request: FastifyRequest): Promise<FileViewDto[]> {
    const event = await this.access.organiserView(auth, slug);
    const challenge = await this.challenges.findOne(event.id, id);
    if (!challenge) throw challengeNotFound(id);
    const { files } = await readMultipart(request, this.blobs, { fileFields: ['file'], maxFileBytes: this.config.MAX_ATTACHMENT_BYTES });
    if (files.length === 0) throw new CtfError(CtfErrorCode.InvalidChallenge, 'file: no file was sent');
    const stored: FileViewDto[] = [];
    for (const upload of files) {
      const name = basename(upload.filename.replace(/\\/g, '/')).slice(0, 255) || 'file';
      const { file, replaced } = await this.challenges.addFile({ challengeId: id, name, blobKey: upload.key, size: upload.size, sha256: upload.sha256 });
      if (replaced) await this.blobs.remove(replaced);
      stored.push({ id: file.id, name, url: `/api/v1/events/${slug}/challenges/${id}/files/${file.id}`, size: file.size, sha256: file.sha256 });
    }
    return stored;
  }

  /**
   * Organisers remove one attachment: the row goes first (downloads answer 404 from then on), then its blob at once,
   * as a replaced or deleted challenge's are; a download already streaming keeps its open file.
   */
  async removeFile(auth: AuthContext, slug: string, id: string, fileId: string): Promise<void> {
    const event = await this.access.organiserView(auth, slug);
    const challenge = await this.challenges.findOne(event.id, id);
    if (!challenge) throw challengeNotFound(id);
    const blobKey = await this.challenges.deleteFile(id, fileId);
    if (!blobKey) throw new CtfError(CtfErrorCode.FileNotFound, `file ${fileId} not found`);
    await this.blobs.remove(blobKey);
    this.logger.log(`file ${fileId} removed from challenge ${id} of event ${event.id}`);
  }

  async openFile(auth: AuthContext, slug: string, id: string, fileId: string): Promise<{ name: string; size: number; stream: Readable }> {
    const view = await this.access.view(auth, slug);
    const challenge = await this.challenges.findOne(view.event.id, id);
    if (!challenge) throw challengeNotFound(id);
    if (!view.organiser) {
      const team = this.access.requireTeam(view);
      const { solved } = await this.challenges.teamProgress(team.id);
      if (!isOpenTo(challenge, solved)) throw challengeNotFound(id);
    }
    const file = await this.challenges.findFile(id, fileId);
    if (!file) throw new CtfError(CtfErrorCode.FileNotFound, `file ${fileId} not found`);
    return { name: file.name, size: file.size, stream: this.blobs.open(file.blobKey) };
  }

  /**
   * The visible challenge with its flags, from the shared board in memory (the attempt hot path): the event's challenges are
   * loaded together, one query a second for all of them. Prerequisites are the caller's.
   */
  async forAttempt(view: BoardView, id: string): Promise<ChallengeEntity> {
    const challenge = await this.board.challenge(view.event.id, id);
    if (!challenge || challenge.state !== ChallengeState.Visible) throw challengeNotFound(id);
    return challenge;
  }

  /**
   * The challenge's solves by visible teams as the view counts them (before the freeze when frozen), from memory: the
   * value an attempt answers. Counts up to 2 s old do, so a wrong flag never waits for the reload a solve starts;
   * solves stored through this process show at once.
   */
  async solveCount(view: BoardView, id: string): Promise<number> {
    return this.board.recentSolveCount(view.event.id, view.cutoff, id);
  }

  /** A solve this process stored brought the challenge's count, as the view counts it, to `count`. */
  noteSolveCount(view: BoardView, id: string, count: number): void {
    this.board.noteSolveCount(view.event.id, view.cutoff, id, count);
  }

  /** The event's solves as the view sees them (frozen for participants), with the team's own progress. */
  private async facts(view: BoardView, progress: TeamProgress = emptyProgress()): Promise<BoardFacts> {
    if (!view.organiser) this.access.requireTeam(view);
    return this.factsOf(view, progress, await this.board.solves(view.event.id, view.cutoff));
  }

  private factsOf(view: BoardView, progress: TeamProgress, { counts, bloods }: SolveFacts): BoardFacts {
    if (!view.organiser) this.access.requireTeam(view);
    return {
      slug: view.event.slug,
      counts,
      bloods,
      ...progress,
      revealHints: view.organiser || new Date() > view.event.endsAt,
      organiser: view.organiser,
    };
  }

  private async upsert(event: EventEntity, challenge: ChallengeEntity, dto: UpdateChallengeDto): Promise<ChallengeEntity> {
    if (!challenge.id) {
      challenge.eventId = event.id;
      challenge.valueFunction = valueFunctionOf(dto.type ?? (undefined as never), dto.function);
    }
    applyChallengeFields(challenge, dto);
    assertValueParams(challenge);
    if (dto.flags) assertFlags(dto.flags);
    if (dto.requirements) challenge.requirements = await this.requirementIds(event, challenge, dto.requirements);
    const saved = await this.challenges.save(challenge, {
      flags: dto.flags?.map((flag) => ({ kind: flag.type, content: flag.content, caseInsensitive: flag.caseInsensitive ?? false })),
      hints: dto.hints?.map((hint, position) => ({ content: hint.content, cost: hint.cost, position })),
    });
    if (!saved) throw new CtfError(CtfErrorCode.ChallengeNameTaken, `a challenge named ${challenge.name} exists in this event`);
    // Values, visibility and requirements shape the boards.
    await this.leaderboards.changed(event.id);
    return saved;
  }

  private async requirementIds(event: EventEntity, challenge: ChallengeEntity, names: string[]): Promise<string[]> {
    const found = await this.challenges.findByNames(event.id, names);
    const unknown = names.filter((name) => !found.some((other) => other.name === name));
    if (unknown.length) throw new CtfError(CtfErrorCode.UnknownRequirement, `requirements: no challenge named ${unknown.join(', ')}`);
    if (found.some((other) => other.id === challenge.id)) throw new CtfError(CtfErrorCode.UnknownRequirement, 'requirements: a challenge cannot require itself');
    return found.map((other) => other.id);
  }
}
