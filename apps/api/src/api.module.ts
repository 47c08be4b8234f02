import { AdModule, AdTcpModule } from '@arena/ad';
import { ConfigModule } from '@arena/config';
import { DatabaseModule } from '@arena/database';
import { JobsModule, RedisModule } from '@arena/jobs';
import { JwtAuthGuard, RegistrationModule, RolesGuard } from '@arena/registration';
import { CtfModule } from '@arena/ctf';
import { HackathonModule } from '@arena/hackathon';
import { LeaderboardModule } from '@arena/leaderboard';
import { SandboxStatusModule } from '@arena/sandbox';
import { SubmissionsModule } from '@arena/submissions';
import { TeamsModule } from '@arena/teams';
import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health/health.controller';
import { QueuesHealthIndicator } from './health/queues.health';
import { RedisHealthIndicator } from './health/redis.health';
import { SandboxHealthIndicator } from './health/sandbox.health';
import { HttpErrorFilter } from './http/http-error.filter';
import { PageInterceptor } from './http/page.interceptor';
import { validationPipe } from './http/validation.pipe';
import { LoggerModule } from './logger.module';

// Only composition: features live in libs and are shared with the worker.
@Module({
  imports: [
    ConfigModule,
    LoggerModule,
    DatabaseModule,
    RedisModule,
    JobsModule,
    TerminusModule,
    RegistrationModule,
    TeamsModule,
    CtfModule,
    HackathonModule,
    AdModule,
    AdTcpModule,
    SubmissionsModule,
    LeaderboardModule,
    SandboxStatusModule,
  ],
  controllers: [HealthController],
  providers: [
    RedisHealthIndicator,
    QueuesHealthIndicator,
    SandboxHealthIndicator,
    { provide: APP_PIPE, useValue: validationPipe },
    { provide: APP_FILTER, useClass: HttpErrorFilter },
    { provide: APP_INTERCEPTOR, useClass: PageInterceptor },
    { provide: APP_GUARD, useClass: JwtAuthGuard },
    { provide: APP_GUARD, useClass: RolesGuard },
  ],
})
export class ApiModule {}
