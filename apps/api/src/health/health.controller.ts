import { Public } from '@arena/registration';
import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckResult, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { QueuesHealthIndicator } from './queues.health';
import { RedisHealthIndicator } from './redis.health';
import { SandboxHealthIndicator } from './sandbox.health';

@ApiTags('operations')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly redis: RedisHealthIndicator,
    private readonly queues: QueuesHealthIndicator,
    private readonly sandbox: SandboxHealthIndicator,
  ) {}

  /** Liveness and readiness: 200 when the database, Redis and the queues answer, else 503; `sandbox` is a detail that never fails it. */
  @Get()
  @HealthCheck()
  check(): Promise<HealthCheckResult> {
    return this.health.check([
      () => this.database.pingCheck('database', { timeout: 1000 }),
      () => this.redis.isHealthy('redis'),
      () => this.queues.isHealthy('queues'),
      () => this.sandbox.isHealthy('sandbox'),
    ]);
  }
}
