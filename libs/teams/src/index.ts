export * from './dto/team.dto';
export * from './entities/team-member.entity';
export * from './entities/team.entity';
export * from './team-role.enum';
export * from './teams.errors';
export * from './teams.module';
export type { MembershipTeam, TeamHistoryCheck } from './teams.repository';
export * from './teams.service';
