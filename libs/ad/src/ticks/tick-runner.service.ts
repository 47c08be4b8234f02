import { ChangeScope, LeaderboardNotifier } from '@arena/jobs';
import { Injectable, Logger } from '@nestjs/common';
import { randomBytes } from 'crypto';
import { CheckAction, CheckStatus, combineTick, RunOutcome } from '../checkers/check-status';
import { CheckerRun, CheckerRunner } from '../checkers/checker-runner.service';
import { AdServiceEntity } from '../entities/ad-service.entity';
import { AdFlagsService } from '../flags/ad-flags.service';
import { adSettings, oldestLiveTick } from '../game-clock';
import { AdGameRepository } from './ad-game.repository';

// The public message is the checker's stdout, shortened (ForcAD shows it on the board).
const MESSAGE_CHARS = 512;
const publicMessage = (run: CheckerRun) => run.stdout.trim().slice(0, MESSAGE_CHARS);

/** One tick of one team's service: check, put a new flag per store, get the older live flags, then the tick's status. */
@Injectable()
export class TickRunner {
  private readonly logger = new Logger(TickRunner.name);

  constructor(
    private readonly game: AdGameRepository,
    private readonly checkers: CheckerRunner,
    private readonly flags: AdFlagsService,
    private readonly notifier: LeaderboardNotifier,
  ) {}

  async run(eventId: string, tick: number, teamId: string, serviceId: string): Promise<void> {
    // A rerun (a retried or duplicated job) of a finished tick does nothing.
    if (await this.game.hasState(eventId, tick, teamId, serviceId)) return;
    const [event, service, host] = await Promise.all([this.game.event(eventId), this.game.service(serviceId), this.game.hostOf(teamId)]);
    if (!event || !service || !host) return;
    const started = Date.now();
    const record = async (action: CheckAction, run: CheckerRun, vuln = 0, flagTick = 0): Promise<RunOutcome> => {
      const message = publicMessage(run);
      await this.game.insertCheck({ eventId, tick, teamId, serviceId, action, vuln, flagTick, status: run.status, message, output: run.output, durationMs: run.durationMs });
      return { action, status: run.status, message };
    };
    const outcomes: RunOutcome[] = [await record(CheckAction.Check, await this.checkers.run(service, host, CheckAction.Check, []))];
    if (outcomes[0].status === CheckStatus.Ok) outcomes.push(...(await this.putAndGet(eventId, tick, teamId, service, host, record, oldestLiveTick(event, tick))));
    const combined = combineTick(outcomes);
    const { status } = combined;
    // A failed checker's output is for the organisers (GET …/ad/checks), not the board.
    const message = status === CheckStatus.CheckFailed ? 'checker failed: the organisers see why' : combined.message;
    if (await this.game.insertState(eventId, tick, teamId, serviceId, status, message)) {
      this.logger.log(`tick ${tick} of event ${eventId}: team ${teamId} service ${service.name} ${status} in ${Date.now() - started} ms`);
      await this.notifier.changed(eventId, ChangeScope.Scores);
    }
  }

  private async putAndGet(
    eventId: string,
    tick: number,
    teamId: string,
    service: AdServiceEntity,
    host: string,
    record: (action: CheckAction, run: CheckerRun, vuln?: number, flagTick?: number) => Promise<RunOutcome>,
    oldest: number,
  ): Promise<RunOutcome[]> {
    const event = await this.game.event(eventId);
    if (!event) return [];
    const prefix = adSettings(event).flagPrefix;
    const outcomes: RunOutcome[] = [];
    for (let vuln = 1; vuln <= service.vulns; vuln++) {
      const signed = this.flags.signer.sign(eventId, prefix, { teamId, serviceId: service.id, tick });
      const flag = await this.game.ensureFlag({ flag: signed, eventId, teamId, serviceId: service.id, tick, vuln, flagId: randomBytes(8).toString('hex') });
      const run = await this.checkers.run(service, host, CheckAction.Put, [flag.flagId, flag.flag, String(vuln)]);
      const outcome = await record(CheckAction.Put, run, vuln, tick);
      outcomes.push(outcome);
      if (outcome.status !== CheckStatus.Ok) return outcomes;
      // As in ForcAD, put's stdout (when any) replaces the flag id given to get and shown in attack info.
      await this.game.markPlanted(flag.flag, run.stdout.trim().slice(0, MESSAGE_CHARS) || flag.flagId);
    }
    for (const flag of await this.game.liveFlags(eventId, teamId, service.id, oldest, tick - 1)) {
      const run = await this.checkers.run(service, host, CheckAction.Get, [flag.flagId, flag.flag, String(flag.vuln)]);
      outcomes.push(await record(CheckAction.Get, run, flag.vuln, flag.tick));
    }
    return outcomes;
  }
}
