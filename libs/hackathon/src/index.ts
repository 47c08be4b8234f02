export * from './hackathon.errors';
export * from './hackathon.module';
export * from './results/dto/results.dto';
export * from './results/hackathon-board.service';
export * from './results/results.service';
export * from './results/standings.service';
export * from './settings/judging-mode.enum';
export * from './hackathon-worker.module';
