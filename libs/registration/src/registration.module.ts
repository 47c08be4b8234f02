import { AppConfig } from '@arena/config';
import { JobsModule, REDIS } from '@arena/jobs';
import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import Redis from 'ioredis';
import { AccessTokensService } from './auth/access-tokens.service';
import { AccountWritesLimiter } from './auth/account-writes.limiter';
import { AuthController } from './auth/auth.controller';
import { AuthThrottlerStorage } from './auth/auth-throttler.storage';
import { jwtKey } from './auth/jwt-key';
import { AuthService } from './auth/auth.service';
import { RefreshTokenEntity } from './auth/entities/refresh-token.entity';
import { LoginAttemptsService } from './auth/login-attempts.service';
import { RefreshTokensRepository } from './auth/refresh-tokens.repository';
import { JwtStrategy } from './auth/strategies/jwt.strategy';
import { TokenRevocations } from './auth/token-revocations.service';
import { TokensService } from './auth/tokens.service';
import { EventStaffEntity } from './events/entities/event-staff.entity';
import { EventEntity } from './events/entities/event.entity';
import { EventsController } from './events/events.controller';
import { EventsRepository } from './events/events.repository';
import { EventsService } from './events/events.service';
import { RegistrationEntity } from './registrations/entities/registration.entity';
import { RegistrationsController } from './registrations/registrations.controller';
import { RegistrationsRepository } from './registrations/registrations.repository';
import { RegistrationsService } from './registrations/registrations.service';
import { AdminBootstrapService } from './users/admin-bootstrap.service';
import { UserEntity } from './users/entities/user.entity';
import { PasswordHasher } from './users/password-hasher';
import { PasswordRehashService } from './users/password-rehash.service';
import { UsersController } from './users/users.controller';
import { UsersRepository } from './users/users.repository';
import { UsersService } from './users/users.service';

/** Users, auth, events, event staff and registrations. */
@Module({
  imports: [
    TypeOrmModule.forFeature([UserEntity, RefreshTokenEntity, EventEntity, EventStaffEntity, RegistrationEntity]),
    JobsModule,
    PassportModule,
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        secret: jwtKey(config) as unknown as string,
        signOptions: { expiresIn: config.JWT_ACCESS_TTL_SECONDS, algorithm: 'HS256' },
      }),
    }),
    // The 'default' throttler: its 429 carries a plain Retry-After header.
    ThrottlerModule.forRootAsync({
      inject: [AppConfig, REDIS],
      useFactory: (config: AppConfig, redis: Redis) => ({
        throttlers: [{ name: 'default', ttl: config.AUTH_RATE_LIMIT_WINDOW_SECONDS * 1000, limit: config.AUTH_RATE_LIMIT_PER_MINUTE }],
        storage: new AuthThrottlerStorage(redis, config),
      }),
    }),
  ],
  controllers: [AuthController, UsersController, EventsController, RegistrationsController],
  providers: [
    AccessTokensService,
    AccountWritesLimiter,
    AuthService,
    TokensService,
    TokenRevocations,
    LoginAttemptsService,
    RefreshTokensRepository,
    JwtStrategy,
    UsersService,
    UsersRepository,
    PasswordHasher,
    PasswordRehashService,
    AdminBootstrapService,
    EventsService,
    EventsRepository,
    RegistrationsService,
    RegistrationsRepository,
  ],
  exports: [UsersService, EventsService, RegistrationsService, AccessTokensService, AccountWritesLimiter, TokenRevocations],
})
export class RegistrationModule {}
