import { AppConfig } from '@arena/config';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { databaseOptions } from './database-options';

@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        ...databaseOptions(config.DATABASE_URL),
        autoLoadEntities: true,
        migrations: [],
      }),
    }),
  ],
})
export class DatabaseModule {}
