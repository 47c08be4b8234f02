import { REDIS } from '@arena/jobs';
import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import Redis from 'ioredis';

@Injectable()
export class RedisHealthIndicator {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly indicator: HealthIndicatorService,
  ) {}

  async isHealthy(key: string): Promise<HealthIndicatorResult> {
    const check = this.indicator.check(key);
    try {
      const pong = await Promise.race([this.redis.ping(), new Promise<string>((_, reject) => setTimeout(() => reject(new Error('timeout')), 1000))]);
      return pong === 'PONG' ? check.up() : check.down({ message: `unexpected answer ${pong}` });
    } catch (error) {
      return check.down({ message: (error as Error).message });
    }
  }
}
