import { RegistrationModule } from '@arena/registration';
import { Module } from '@nestjs/common';
import { AdModule } from './ad.module';
import { AdTcpServer } from './submission/ad-tcp.server';

/** The TCP flag submission; only apps/api imports it (the worker must not bind AD_TCP_PORT). */
@Module({
  imports: [AdModule, RegistrationModule],
  providers: [AdTcpServer],
  exports: [AdTcpServer],
})
export class AdTcpModule {}
