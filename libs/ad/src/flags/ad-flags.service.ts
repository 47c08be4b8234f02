import { AuthContext } from '@arena/common';
import { AppConfig } from '@arena/config';
import { ChangeScope, LeaderboardNotifier } from '@arena/jobs';
import { EventEntity } from '@arena/registration';
import { Injectable } from '@nestjs/common';
import { AdAccessService } from '../ad-access.service';
import { AdError, AdErrorCode } from '../ad.errors';
import { FlagResultDto, FlagVerdict, SubmitFlagsResultDto, TeamTokenDto } from '../dto/flags.dto';
import { adSettings, tickAt } from '../game-clock';
import { AdVulnboxesRepository } from '../vulnboxes/ad-vulnboxes.repository';
import { AdFlagLimiter } from './ad-flag-limiter';
import { AdFlagsRepository, CaptureInput } from './ad-flags.repository';
import { FlagSigner } from './flag-signer';

/** Flag submission (HTTP and TCP give the same answers) and the teams' submission tokens. */
@Injectable()
export class AdFlagsService {
  readonly signer: FlagSigner;
  /** Where the line-based submission listens (AD_TCP_PORT), told to the teams with their token; null when off. */
  private readonly tcpPort: number | null;

  constructor(
    private readonly access: AdAccessService,
    private readonly flags: AdFlagsRepository,
    private readonly limiter: AdFlagLimiter,
    private readonly vulnboxes: AdVulnboxesRepository,
    private readonly notifier: LeaderboardNotifier,
    config: AppConfig,
  ) {
    this.signer = new FlagSigner(config.AD_FLAG_SECRET ?? config.JWT_SECRET);
    this.tcpPort = config.AD_TCP_PORT > 0 ? config.AD_TCP_PORT : null;
  }

  async submit(auth: AuthContext, slug: string, flags: string[]): Promise<SubmitFlagsResultDto> {
    const event = await this.access.event(slug);
    const team = await this.access.team(auth, event);
    return { results: await this.submitAs(event, team.id, flags) };
  }

  /** Verdicts for a team's flags: 403 outside the game, 429 past the team's rate. */
  async submitAs(event: EventEntity, teamId: string, flags: string[]): Promise<FlagResultDto[]> {
    const now = new Date();
    if (now < event.startsAt || now >= event.endsAt) throw new AdError(AdErrorCode.OutsideWindow, 'the game is not running');
    if (!(await this.limiter.take(teamId, flags.length))) throw new AdError(AdErrorCode.TooManyFlags, 'too many flags: slow down', 1);
    const { flagPrefix, flagLifetimeTicks } = adSettings(event);
    const oldest = tickAt(event, now) - flagLifetimeTicks + 1;
    const seen = new Set<string>();
    const verdicts: Array<FlagVerdict | CaptureInput> = flags.map((raw) => {
      const flag = raw.trim();
      const facts = this.signer.verify(event.id, flagPrefix, flag);
      if (!facts) return FlagVerdict.Inv;
      if (facts.teamId === teamId) return FlagVerdict.Own;
      if (facts.tick < oldest) return FlagVerdict.Old;
      if (seen.has(flag)) return FlagVerdict.Dup;
      seen.add(flag);
      return { flag, ...facts };
    });
    const inputs = verdicts.filter((verdict): verdict is CaptureInput => typeof verdict !== 'string');
    const captured = await this.flags.capture(event.id, teamId, inputs);
    if (captured.size > 0) await this.notifier.changed(event.id, ChangeScope.Scores);
    return verdicts.map((verdict, index) => ({
      flag: flags[index],
      status: typeof verdict === 'string' ? verdict : captured.has(verdict.flag) ? FlagVerdict.Ok : FlagVerdict.Dup,
    }));
  }

  /** The caller's team token (members), or every team's (organisers). */
  async tokens(auth: AuthContext, slug: string): Promise<TeamTokenDto[]> {
    const event = await this.access.event(slug);
    const teams = await this.vulnboxes.teamsOfEvent(event.id);
    if (await this.access.isOrganiser(auth, event)) {
      return teams.map((team) => this.tokenOf(team));
    }
    const mine = await this.access.team(auth, event);
    return teams.filter((team) => team.id === mine.id).map((team) => this.tokenOf(team));
  }

  private tokenOf(team: { id: string; name: string }): TeamTokenDto {
    return { teamId: team.id, teamName: team.name, token: this.signer.teamToken(team.id), tcpPort: this.tcpPort };
  }
}
