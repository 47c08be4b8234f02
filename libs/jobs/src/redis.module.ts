import { AppConfig } from '@arena/config';
import { Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { redisOptions } from './redis-options';

/** Injection token of the shared ioredis client (commands only, auto-pipelined; subscribers make their own). */
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
      // Commands issued in the same turn of the event loop (every flag attempt's brake at a contest's start) share
      // one write and one read; MULTI and pipelines stay as they are.
      useFactory: (config: AppConfig) => new Redis({ ...redisOptions(config.REDIS_URL), enableAutoPipelining: true }),
    },
    RedisCloser,
  ],
  exports: [REDIS],
})
export class RedisModule {}
