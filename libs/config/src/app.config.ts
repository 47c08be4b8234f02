import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsEnum,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  Validate,
  ValidateIf,
  ValidationArguments,
  ValidatorConstraint,
  ValidatorConstraintInterface,
} from 'class-validator';

export enum NodeEnv {
  Development = 'development',
  Production = 'production',
  Test = 'test',
}

// `true`/`1` and `false`/`0`; anything else stays a string and fails @IsBoolean, naming the variable.
const toBoolean = ({ value }: { value: unknown }) => (value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value);

const toList = ({ value }: { value: unknown }) =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean)
    : value;

// 'true' and 'false' only: anything else stays a string and fails @IsBoolean with the variable's name.
const toStrictBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

@ValidatorConstraint({ name: 'safeSandboxInProduction' })
class SafeSandboxInProduction implements ValidatorConstraintInterface {
  validate(mode: unknown, args: ValidationArguments): boolean {
    return !(mode === 'unsafe' && (args.object as AppConfig).NODE_ENV === NodeEnv.Production);
  }

  defaultMessage(): string {
    return 'SANDBOX_MODE=unsafe is refused when NODE_ENV=production: it runs untrusted code unconfined';
  }
}

// OWASP's recommended argon2id parameters (19 MiB, 2 passes): the defaults, and the floor outside NODE_ENV=test.
const OWASP_HASH_MEMORY_KIB = 19_456;
const OWASP_HASH_TIME_COST = 2;

@ValidatorConstraint({ name: 'owaspHashOutsideTests' })
class OwaspHashOutsideTests implements ValidatorConstraintInterface {
  validate(value: unknown, args: ValidationArguments): boolean {
    if ((args.object as AppConfig).NODE_ENV === NodeEnv.Test) return true;
    const floor = args.property === 'PASSWORD_HASH_MEMORY_KIB' ? OWASP_HASH_MEMORY_KIB : OWASP_HASH_TIME_COST;
    return typeof value === 'number' && value >= floor;
  }

  defaultMessage(args: ValidationArguments): string {
    const floor = args.property === 'PASSWORD_HASH_MEMORY_KIB' ? OWASP_HASH_MEMORY_KIB : OWASP_HASH_TIME_COST;
    return `${args.property} below ${floor} (OWASP's argon2id minimum) is refused unless NODE_ENV=test`;
  }
}

/** The validated environment: the only place that knows variable names. */
export class AppConfig {
  /** `development` (default), `production` or `test`. */
  @IsEnum(NodeEnv)
  NODE_ENV: NodeEnv = NodeEnv.Development;

  /** HTTP port of the api. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  /**
   * Api processes sharing the port (node:cluster): 1 runs the api in this process; set it to the machine's cores to
   * use them all (each process keeps its own connections, caches and Redis subscription, as separate instances do).
   */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(64)
  API_WORKERS = 1;

  /** Address the api binds to. */
  @IsString()
  HOST = '0.0.0.0';

  /** PostgreSQL connection string, e.g. `postgres://arena:arena@localhost:5432/arena`. */
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL: string;

  /** Redis connection string, e.g. `redis://localhost:6379`. */
  @Matches(/^rediss?:\/\/.+/, { message: 'REDIS_URL must be a redis:// URL' })
  REDIS_URL: string;

  /** Secret that signs access tokens (at least 32 characters). */
  @IsString()
  @MinLength(32)
  JWT_SECRET: string;

  /** Access token lifetime in seconds (15 minutes). */
  @Type(() => Number)
  @IsInt()
  @Min(30)
  JWT_ACCESS_TTL_SECONDS = 900;

  /** Refresh token lifetime in seconds (30 days). */
  @Type(() => Number)
  @IsInt()
  @Min(60)
  JWT_REFRESH_TTL_SECONDS = 30 * 24 * 3600;

  /**
   * With ARENA_ADMIN_PASSWORD: creates this platform admin at boot, or resets the password of the admin that has it.
   * An existing account that is not an admin is left alone (someone may have registered the address) unless
   * ARENA_ADMIN_FORCE is set.
   */
  @IsOptional()
  @IsEmail()
  ARENA_ADMIN_EMAIL?: string;

  /** Password of the bootstrap admin (at least 10 characters). */
  @ValidateIf((config: AppConfig) => config.ARENA_ADMIN_EMAIL !== undefined)
  @IsString({ message: 'ARENA_ADMIN_PASSWORD is required with ARENA_ADMIN_EMAIL' })
  @MinLength(10)
  ARENA_ADMIN_PASSWORD?: string;

  /** Lets ARENA_ADMIN_EMAIL take over an existing non-admin account: promoted, password reset, sessions revoked. */
  @Transform(toBoolean)
  @IsBoolean({ message: 'ARENA_ADMIN_FORCE must be true or false' })
  ARENA_ADMIN_FORCE = false;

  /** Comma-separated allowed CORS origins; `*` allows any; empty disables CORS. */
  @Transform(toList)
  @IsString({ each: true })
  CORS_ORIGINS: string[] = [];

  /** pino level: fatal, error, warn, info, debug, trace, silent. */
  @Matches(/^(fatal|error|warn|info|debug|trace|silent)$/, { message: 'LOG_LEVEL must be a pino level' })
  LOG_LEVEL = 'info';

  /** `auto` (default): readable lines (pino-pretty) on a terminal, JSON lines when piped or in production; `pretty`; `json`. */
  @Matches(/^(auto|pretty|json)$/, { message: 'LOG_FORMAT must be auto, pretty or json' })
  LOG_FORMAT: 'auto' | 'pretty' | 'json' = 'auto';

  /** Largest JSON body in bytes (1 MB); larger ones answer 413. */
  @Type(() => Number)
  @IsInt()
  @Min(1024)
  BODY_LIMIT_BYTES = 1024 * 1024;

  /**
   * Most bytes of an unread request body (over its limit, or refused before it was read) the api reads and discards so
   * the client gets the answer on a connection it can keep (16 MiB); past it the answer closes the connection.
   */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  BODY_DRAIN_BYTES = 16 * 1024 * 1024;

  /** Seconds the api waits for the rest of such a body (30) before it answers and closes the connection. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(600)
  BODY_DRAIN_SECONDS = 30;

  /** Trust X-Forwarded-For from a proxy in front of the api. */
  @Transform(({ value }) => value === true || value === 'true' || value === '1')
  TRUST_PROXY = false;

  /**
   * Requests per IP per window on /auth/register, /auth/login and /auth/refresh (not /auth/me). High enough for a
   * NAT of 1 000 players signing in at a contest's start; password guessing is bounded by the LOGIN_FAILURES_* limits.
   */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  AUTH_RATE_LIMIT_PER_MINUTE = 3000;

  /** The window of AUTH_RATE_LIMIT_PER_MINUTE in seconds (a minute); refused requests do not count. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(3600)
  AUTH_RATE_LIMIT_WINDOW_SECONDS = 60;

  /** Failed logins per account and client address per window before 429 (other addresses are not slowed). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  LOGIN_FAILURES_PER_ACCOUNT = 10;

  /** Failed logins per client address over every account per window before 429 (successful ones never count). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  LOGIN_FAILURES_PER_ADDRESS = 500;

  /** Failed logins per account over every address per window before 429: guessing from many addresses is bounded too. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  LOGIN_FAILURES_PER_ACCOUNT_TOTAL = 100;

  /** The failed-login window in seconds (15 minutes). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  LOGIN_FAILURE_WINDOW_SECONDS = 900;

  /**
   * Password hashes (argon2id, at registration and login) one api process computes at once; the rest wait their turn,
   * so a sign-in storm cannot take every core from the other requests. Two, not one: a contest's sign-in storm on
   * 2 cores queued past 3 s at one (the hashes cost the same CPU either way; the storm bench in the README).
   */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(64)
  PASSWORD_HASH_CONCURRENCY = 2;

  /**
   * Password hashes that may wait for a free lane per api process; past it, registrations and logins answer 503 with
   * Retry-After at once, so a flood of slow checks cannot make every sign-in wait without end.
   */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(4096)
  PASSWORD_HASH_QUEUE = 64;

  /**
   * argon2id memory per password hash, in KiB. Raising it (or PASSWORD_HASH_TIME_COST) rehashes each account's
   * password at its next sign-in. Lower than OWASP's 19 456 only under NODE_ENV=test, where the suites' thousand
   * sign-ups would otherwise spend minutes hashing.
   */
  @Type(() => Number)
  @IsInt()
  @Min(8)
  @Max(4_194_304)
  @Validate(OwaspHashOutsideTests)
  PASSWORD_HASH_MEMORY_KIB = OWASP_HASH_MEMORY_KIB;

  /** argon2id passes per password hash; lower than 2 only under NODE_ENV=test (see PASSWORD_HASH_MEMORY_KIB). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(64)
  @Validate(OwaspHashOutsideTests)
  PASSWORD_HASH_TIME_COST = OWASP_HASH_TIME_COST;

  /** Writes (POST, PUT, PATCH, DELETE) a signed-in account may send at once: its token bucket's size. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  WRITE_RATE_LIMIT_BURST = 60;

  /** Writes per second that refill an account's token bucket. */
  @Type(() => Number)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0.01)
  WRITE_RATE_LIMIT_PER_SECOND = 10;

  /**
   * Least time between two board pushes to the SSE streams of one event, view and board query on an api process: the
   * first change after a quiet interval goes out at once, later ones wait for the interval's end and go as one push of
   * the latest board. 0 pushes every version.
   */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(60_000)
  BOARD_PUSH_INTERVAL_MS = 500;

  /** Prefix of every BullMQ key in Redis. */
  @IsString()
  @Matches(/^[A-Za-z0-9_-]+$/, { message: 'BULLMQ_PREFIX may hold letters, digits, _ and -' })
  BULLMQ_PREFIX = 'arena';

  /** Jobs one worker process runs at once per queue. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  WORKER_CONCURRENCY = 2;

  /** The built web app (npm run build:web) that the api serves at `/`; without its index.html only the API answers. */
  @IsString()
  WEB_DIR = 'dist/web';

  /** Where uploads are kept (local blob store). */
  @IsString()
  BLOB_DIR = '.arena/blobs';

  /** Largest challenge attachment in bytes (50 MiB). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024;

  /** Largest challenge import (.zip or challenge.yml) in bytes (100 MiB). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  MAX_IMPORT_BYTES = 100 * 1024 * 1024;

  /** `bwrap` runs untrusted code in bubblewrap; `unsafe` runs it unconfined (development only, never with real entries). */
  @Matches(/^(bwrap|unsafe)$/, { message: 'SANDBOX_MODE must be bwrap or unsafe' })
  @Validate(SafeSandboxInProduction)
  SANDBOX_MODE = 'bwrap';

  /**
   * In production a worker with neither a per-run uid (root) nor memory and pids cgroups refuses untrusted code,
   * since every run would share one set of limits with the others; `true` accepts that explicitly.
   */
  @Transform(toStrictBoolean)
  @IsBoolean({ message: 'SANDBOX_ALLOW_SHARED_LIMITS must be true or false' })
  SANDBOX_ALLOW_SHARED_LIMITS = false;

  /** Host-wide folder where workers claim per-run uids (one lock file each); every worker on a host shares it. */
  @IsString()
  @Matches(/^\//, { message: 'SANDBOX_UID_LOCK_DIR must be an absolute path' })
  SANDBOX_UID_LOCK_DIR = '/run/arena-sandbox/uids';

  /** First of the dedicated uids sandboxed runs use when the worker is root (one per concurrent run). */
  @Type(() => Number)
  @IsInt()
  @Min(1000)
  @Max(4_000_000_000)
  SANDBOX_UID_BASE = 61000;

  /** Where sandboxed runs get their job folders. */
  @IsString()
  SANDBOX_DIR = '.arena/sandbox';

  /** Largest AI task file (ground truth, scorer, hidden inputs) in bytes (512 MiB). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  MAX_TASK_FILE_BYTES = 512 * 1024 * 1024;

  /** Largest AI submission (prediction CSV or code .zip) in bytes (100 MiB). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  MAX_SUBMISSION_BYTES = 100 * 1024 * 1024;

  /** Seconds a worker holds a job's lock; a job whose worker died is picked up again after about this long. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(3600)
  WORKER_LOCK_SECONDS = 30;

  /**
   * Seconds between a worker's sweeps for AI checks whose job was lost (an api that died between the commit and the
   * enqueue, a Redis that lost its data); 0 turns the periodic sweep off.
   */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(3600)
  SUBMISSION_SWEEP_SECONDS = 60;

  /**
   * Signs attack-defence flags and team tokens (at least 32 characters). Unset: derived from JWT_SECRET, so a rotated
   * JWT_SECRET also invalidates the flags in play; set it to keep them apart.
   */
  @IsOptional()
  @IsString()
  @MinLength(32)
  AD_FLAG_SECRET?: string;

  /** Attack-defence flags one team may submit per second, over HTTP and TCP together; past it 429 / a RATE answer. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  AD_FLAGS_PER_SECOND = 200;

  /** TCP port of the line-based flag submission (the api listens on it); 0 turns it off. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  AD_TCP_PORT = 0;

  /**
   * How checkers reach the vulnboxes: `relay` (default) runs them in an empty network namespace whose only way out is
   * a relay to the checked team's vulnbox and service port; `host` shares the worker's network (development only).
   */
  @IsIn(['relay', 'host'])
  AD_CHECKER_NETWORK: 'relay' | 'host' = 'relay';

  /**
   * Whether this worker takes part in leading the attack-defence ticks (one leader among the workers of a
   * BULLMQ_PREFIX); `false` leaves the ticks to the others and still runs checker jobs.
   */
  @Transform(toStrictBoolean)
  @IsBoolean({ message: 'AD_TICK_SCHEDULER must be true or false' })
  AD_TICK_SCHEDULER = true;

  /** Checker jobs (one team's service for one tick: check, puts, gets) one worker process runs at once. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(256)
  AD_CHECKER_CONCURRENCY = 8;

  get isProduction(): boolean {
    return this.NODE_ENV === NodeEnv.Production;
  }
}
