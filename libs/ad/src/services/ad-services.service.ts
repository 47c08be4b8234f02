import { AuthContext } from '@arena/common';
import { AppConfig } from '@arena/config';
import { LeaderboardNotifier } from '@arena/jobs';
import { assertExtractable, BlobStore, readMultipart, validateFields } from '@arena/submissions';
import { Injectable, Logger } from '@nestjs/common';
import { FastifyRequest } from 'fastify';
import { AdAccessService } from '../ad-access.service';
import { AdError, AdErrorCode } from '../ad.errors';
import { AdServiceDto, CreateAdServiceDto } from '../dto/ad-service.dto';
import { adSettings } from '../game-clock';
import { AdServicesRepository } from './ad-services.repository';

// A checker archive unpacks to at most this much, in at most this many files.
export const CHECKER_ZIP_LIMITS = { maxTotalBytes: 64 * 1024 * 1024, maxEntries: 2000 };

@Injectable()
export class AdServicesService {
  private readonly logger = new Logger(AdServicesService.name);

  constructor(
    private readonly access: AdAccessService,
    private readonly services: AdServicesRepository,
    private readonly blobs: BlobStore,
    private readonly config: AppConfig,
    private readonly notifier: LeaderboardNotifier,
  ) {}

  async create(auth: AuthContext, slug: string, request: FastifyRequest): Promise<AdServiceDto> {
    const event = await this.access.organiserEvent(auth, slug);
    const body = await readMultipart(request, this.blobs, { fileFields: ['checker'], maxFileBytes: this.config.MAX_ATTACHMENT_BYTES });
    const keys = body.files.map((file) => file.key);
    try {
      const dto = await validateFields(CreateAdServiceDto, body.fields);
      const checker = body.files.find((file) => file.field === 'checker');
      if (!checker) throw new AdError(AdErrorCode.InvalidService, 'checker (a .zip) is required');
      const { tickSeconds } = adSettings(event);
      if (tickSeconds < 3 * dto.checkerTimeoutSeconds) {
        throw new AdError(AdErrorCode.InvalidService, `checkerTimeoutSeconds must be at most a third of the tick (${tickSeconds} s): ${Math.floor(tickSeconds / 3)} s`);
      }
      await assertExtractable(this.blobs.pathOf(checker.key), CHECKER_ZIP_LIMITS).catch((error: unknown) => {
        throw new AdError(AdErrorCode.InvalidService, `checker: ${error instanceof Error ? error.message : 'not a readable zip'}`);
      });
      const saved = await this.services.insert({ eventId: event.id, ...dto, vulns: dto.vulns ?? 1, checkerBlobKey: checker.key });
      if (!saved) throw new AdError(AdErrorCode.ServiceNameTaken, `service ${dto.name} exists`);
      this.logger.log(`service ${saved.id} (${saved.name}) added to event ${event.id} by user ${auth.userId}`);
      await this.notifier.changed(event.id);
      return AdServiceDto.from(saved, true);
    } catch (error) {
      await Promise.all(keys.map((key) => this.blobs.remove(key)));
      throw error;
    }
  }

  async list(auth: AuthContext | undefined, slug: string): Promise<AdServiceDto[]> {
    const event = await this.access.event(slug);
    const organiser = await this.access.isOrganiser(auth, event);
    return (await this.services.findOfEvent(event.id)).map((service) => AdServiceDto.from(service, organiser));
  }
}
