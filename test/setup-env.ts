// Each jest worker gets its own BullMQ/Redis key prefix: suites running side by side share one redis-server,
// and a worker booted by one suite must not take another suite's jobs (or boards).
const base = process.env.ARENA_E2E_PREFIX_BASE ?? process.env.BULLMQ_PREFIX ?? 'arena-e2e';
process.env.ARENA_E2E_PREFIX_BASE = base;
process.env.BULLMQ_PREFIX = `${base}-w${process.env.JEST_WORKER_ID ?? '1'}`;
// The periodic sweep for lost AI checks looks at the whole (shared) database: in one suite's worker it would queue
// another suite's waiting submissions under its own prefix and score them. The sweep's own suite calls it directly.
process.env.SUBMISSION_SWEEP_SECONDS ??= '0';
// Likewise every tick leader starts the ticks of every running attack-defence game in the database, and runs their
// checkers on its own queue: only the suites that play games lead (startTestWorker(AD_TICKS_ENV)).
process.env.AD_TICK_SCHEDULER ??= 'false';
// argon2id at 1 MiB and 1 pass instead of OWASP's 19 MiB and 2 (allowed only under NODE_ENV=test): the suites sign up
// about a thousand accounts. The suites about the hash parameters themselves boot with the production defaults.
process.env.PASSWORD_HASH_MEMORY_KIB ??= '1024';
process.env.PASSWORD_HASH_TIME_COST ??= '1';
