import { AuthContext } from '@arena/common';
import { EventEntity } from '@arena/registration';
import { Injectable, Logger } from '@nestjs/common';
import { FastifyRequest } from 'fastify';
import { AdAccessService } from '../ad-access.service';
import { AdError, AdErrorCode } from '../ad.errors';
import { HOST_PATTERN, PutVulnboxesDto, VulnboxDto } from '../dto/vulnbox.dto';
import { AdVulnboxesRepository } from './ad-vulnboxes.repository';
import { parseVulnboxCsv } from './vulnboxes-csv';

const MAX_CSV_BYTES = 1024 * 1024;

@Injectable()
export class AdVulnboxesService {
  private readonly logger = new Logger(AdVulnboxesService.name);

  constructor(
    private readonly access: AdAccessService,
    private readonly vulnboxes: AdVulnboxesRepository,
  ) {}

  async put(auth: AuthContext, slug: string, dto: PutVulnboxesDto): Promise<VulnboxDto[]> {
    const event = await this.access.organiserEvent(auth, slug);
    const teams = new Set((await this.vulnboxes.teamsOfEvent(event.id)).map((team) => team.id));
    dto.vulnboxes.forEach((box, index) => {
      if (!teams.has(box.teamId)) throw new AdError(AdErrorCode.InvalidVulnboxes, `vulnboxes.${index}.teamId is not a team of this event`);
    });
    return this.store(auth, event, dto.vulnboxes);
  }

  /** Multipart `file`: a CSV of `team,host` rows (team id or name). All or nothing. */
  async importCsv(auth: AuthContext, slug: string, request: FastifyRequest): Promise<VulnboxDto[]> {
    const event = await this.access.organiserEvent(auth, slug);
    const file = request.isMultipart() ? await request.file({ limits: { fileSize: MAX_CSV_BYTES, files: 1 } }) : undefined;
    if (!file) throw new AdError(AdErrorCode.InvalidVulnboxes, 'file (a CSV of team,host rows) is required');
    const buffer = await file.toBuffer().catch(() => {
      throw new AdError(AdErrorCode.InvalidVulnboxes, `file must be at most ${MAX_CSV_BYTES} bytes`);
    });
    let rows;
    try {
      rows = parseVulnboxCsv(buffer.toString('utf8'));
    } catch (error) {
      throw new AdError(AdErrorCode.InvalidVulnboxes, `file ${(error as Error).message}`);
    }
    const teams = await this.vulnboxes.teamsOfEvent(event.id);
    const byId = new Map(teams.map((team) => [team.id, team.id]));
    const byName = new Map(teams.map((team) => [team.name.toLowerCase(), team.id]));
    const boxes = rows.map((row) => {
      const teamId = byId.get(row.team) ?? byName.get(row.team.toLowerCase());
      if (!teamId) throw new AdError(AdErrorCode.InvalidVulnboxes, `file line ${row.line}: no team ${row.team} in this event`);
      if (!HOST_PATTERN.test(row.host)) throw new AdError(AdErrorCode.InvalidVulnboxes, `file line ${row.line}: host must be an IP address or a host name`);
      return { teamId, host: row.host };
    });
    return this.store(auth, event, boxes);
  }

  /** Teams see every vulnbox (they attack them); the public does not. */
  async list(auth: AuthContext, slug: string): Promise<VulnboxDto[]> {
    const event = await this.access.event(slug);
    if (!(await this.access.isOrganiser(auth, event))) await this.access.team(auth, event);
    return this.vulnboxes.list(event.id);
  }

  private async store(auth: AuthContext, event: EventEntity, boxes: Array<{ teamId: string; host: string }>): Promise<VulnboxDto[]> {
    await this.vulnboxes.upsert(event.id, boxes);
    this.logger.log(`${boxes.length} vulnboxes of event ${event.id} set by user ${auth.userId}`);
    return this.vulnboxes.list(event.id);
  }
}
