import { JobsModule } from '@arena/jobs';
import { RegistrationModule } from '@arena/registration';
import { BlobsModule } from '@arena/submissions';
import { TeamsModule } from '@arena/teams';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AdAccessService } from './ad-access.service';
import { AdController } from './ad.controller';
import { AdCaptureEntity } from './entities/ad-capture.entity';
import { AdCheckEntity } from './entities/ad-check.entity';
import { AdFlagEntity } from './entities/ad-flag.entity';
import { AdServiceStateEntity } from './entities/ad-service-state.entity';
import { AdServiceEntity } from './entities/ad-service.entity';
import { AdTickEntity } from './entities/ad-tick.entity';
import { AdVulnboxEntity } from './entities/ad-vulnbox.entity';
import { AdFlagLimiter } from './flags/ad-flag-limiter';
import { AdFlagsRepository } from './flags/ad-flags.repository';
import { AdFlagsService } from './flags/ad-flags.service';
import { AdServicesRepository } from './services/ad-services.repository';
import { AdServicesService } from './services/ad-services.service';
import { AdVulnboxesRepository } from './vulnboxes/ad-vulnboxes.repository';
import { AdVulnboxesService } from './vulnboxes/ad-vulnboxes.service';
import { AdStandingsRepository } from './status/ad-standings.repository';
import { AdStandingsService } from './status/ad-standings.service';
import { AdStatusService } from './status/ad-status.service';
import { AdGameRepository } from './ticks/ad-game.repository';

export const AD_ENTITIES = [AdServiceEntity, AdVulnboxEntity, AdTickEntity, AdFlagEntity, AdCaptureEntity, AdCheckEntity, AdServiceStateEntity];

/** Attack-defence (`kind: "ad"`): services, vulnboxes, flags and their submission, the game's status. */
@Module({
  imports: [TypeOrmModule.forFeature(AD_ENTITIES), RegistrationModule, TeamsModule, JobsModule, BlobsModule],
  controllers: [AdController],
  providers: [
    AdAccessService,
    AdServicesRepository,
    AdServicesService,
    AdVulnboxesRepository,
    AdVulnboxesService,
    AdFlagsRepository,
    AdFlagLimiter,
    AdFlagsService,
    AdGameRepository,
    AdStandingsRepository,
    AdStandingsService,
    AdStatusService,
  ],
  exports: [AdFlagsService, AdAccessService, AdGameRepository, AdStandingsService, AdVulnboxesRepository],
})
export class AdModule {}
