import { AppConfig } from '@arena/config';
import { Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { redisOptions } from './redis-options';

/** Injection token of the shared ioredis client (commands only; subscribers make their own). */
export const REDIS = Symbol('REDIS');

@Injectable()
class RedisCloser implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

@Global()
@Module({
  providers: [
    {
      provide: REDIS,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => new Redis(redisOptions(config.REDIS_URL)),
    },
    RedisCloser,
  ],
  exports: [REDIS],
})
export class RedisModule {}
