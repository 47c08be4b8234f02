import { JobsModule } from '@arena/jobs';
import { RegistrationModule } from '@arena/registration';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TeamMemberEntity } from './entities/team-member.entity';
import { TeamEntity } from './entities/team.entity';
import { InviteLookupsLimiter } from './invite-lookups.limiter';
import { InvitesController } from './invites.controller';
import { InvitesService } from './invites.service';
import { TeamsController } from './teams.controller';
import { TeamsRepository } from './teams.repository';
import { TeamsService } from './teams.service';

/** Teams, members, invites. */
@Module({
  imports: [TypeOrmModule.forFeature([TeamEntity, TeamMemberEntity]), RegistrationModule, JobsModule],
  controllers: [TeamsController, InvitesController],
  providers: [TeamsService, TeamsRepository, InvitesService, InviteLookupsLimiter],
  exports: [TeamsService],
})
export class TeamsModule {}
