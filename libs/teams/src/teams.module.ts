import { JobsModule } from '@arena/jobs';
import { RegistrationModule } from '@arena/registration';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TeamMemberEntity } from './entities/team-member.entity';
import { TeamEntity } from './entities/team.entity';
import { TeamsController } from './teams.controller';
import { TeamsRepository } from './teams.repository';
import { TeamsService } from './teams.service';

/** Teams, members, invites. */
@Module({
  imports: [TypeOrmModule.forFeature([TeamEntity, TeamMemberEntity]), RegistrationModule, JobsModule],
  controllers: [TeamsController],
  providers: [TeamsService, TeamsRepository],
  exports: [TeamsService],
})
export class TeamsModule {}
