import { Global, Module } from '@nestjs/common';
import { AppConfig } from './app.config';
import { loadConfig } from './load-config';

@Global()
@Module({
  providers: [{ provide: AppConfig, useFactory: () => loadConfig() }],
  exports: [AppConfig],
})
export class ConfigModule {}
