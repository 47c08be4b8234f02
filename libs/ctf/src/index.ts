export * from './challenges/challenges.service';
export * from './challenges/dto/create-challenge.dto';
export * from './challenges/challenge.enums';
export * from './ctf-access.service';
export * from './ctf.errors';
export * from './ctf.module';
export * from './standings/ctf-standings.service';
export * from './standings/dto/leaderboard.dto';
