// The load generator: a child process of the bench (never the api's) that runs one autocannon job per
// message and answers with a summary. Jobs:
//   { kind: 'attempts', baseUrl, slug, connections, seconds, players: [{ auth }], challenges: [{ id, flag, correct }] }
//     POST …/challenges/:id/attempts, cycling over every player × challenge pair (so the per team × challenge
//     wrong-attempt brake is spread); challenges marked `correct` get their flag (first time correct, then
//     already_solved), the others a wrong flag.
//   { kind: 'reads', baseUrl, slug, connections, seconds, path }
//     GET the public leaderboard anonymously.
//   { kind: 'lists', baseUrl, connections, amount, path, players: [{ auth, teamId }], sampleEvery }
//     GET `path` (a challenge list) signed in, cycling over the players' tokens; every `sampleEvery`-th answer is
//     sent back ({ teamId, status, body }) for the bench to check against the database.
// `amount` (any kind) sends exactly that many requests instead of running for `seconds`.
import autocannon from 'autocannon';

function attemptsRequests(job) {
  const pairs = [];
  job.challenges.forEach((challenge, c) => {
    job.players.forEach((player, p) => {
      pairs.push({
        path: `/api/v1/events/${job.slug}/challenges/${challenge.id}/attempts`,
        auth: player.auth,
        flag: challenge.correct ? challenge.flag : null,
        order: c * job.players.length + p,
      });
    });
  });
  let n = 0;
  return [
    {
      setupRequest: (request) => {
        const pair = pairs[n % pairs.length];
        n += 1;
        return {
          ...request,
          method: 'POST',
          path: pair.path,
          headers: { 'content-type': 'application/json', authorization: pair.auth },
          body: JSON.stringify({ submission: pair.flag ?? `ACS{wrong-guess-${n}}` }),
        };
      },
    },
  ];
}

function listRequests(job, samples) {
  let n = 0;
  return [
    {
      setupRequest: (request, context) => {
        context.player = job.players[n % job.players.length];
        context.sampled = n % job.sampleEvery === 0;
        n += 1;
        return { ...request, method: 'GET', path: job.path, headers: { authorization: context.player.auth } };
      },
      onResponse: (status, body, context) => {
        if (context.sampled) samples.push({ teamId: context.player.teamId, status, body: String(body) });
      },
    },
  ];
}

function run(job, samples) {
  const options = {
    url: job.baseUrl,
    connections: job.connections,
    pipelining: 1,
    timeout: 10,
    ...(job.amount ? { amount: job.amount } : { duration: job.seconds }),
  };
  if (job.kind === 'attempts') options.requests = attemptsRequests(job);
  else if (job.kind === 'lists') options.requests = listRequests(job, samples);
  else options.requests = [{ method: 'GET', path: job.path }];
  // autocannon's own duration (and the wall time around it) carries a second or so of its ticker: a run of
  // `amount` requests is timed instead from the first request sent to the last response.
  const span = { first: Infinity, last: 0 };
  return new Promise((resolve, reject) => {
    const instance = autocannon(options, (error, result) => (error ? reject(error) : resolve({ ...result, span })));
    instance.on('response', (_client, _status, _bytes, responseTime) => {
      const now = performance.now();
      span.first = Math.min(span.first, now - responseTime);
      span.last = now;
    });
  });
}

process.on('message', async (job) => {
  try {
    const samples = [];
    const result = await run(job, samples);
    const seconds = job.amount && result.span.last > result.span.first ? (result.span.last - result.span.first) / 1000 : result.duration;
    process.send({
      ok: true,
      samples,
      requests: result.requests.total,
      seconds,
      perSecond: result.requests.total / seconds,
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      max: result.latency.max,
      non2xx: result.non2xx,
      errors: result.errors,
      timeouts: result.timeouts,
      statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, { count }]) => [code, count])),
      bytesPerResponse: result.requests.total > 0 ? Math.round(result.throughput.total / result.requests.total) : 0,
    });
  } catch (error) {
    process.send({ ok: false, error: String(error?.stack ?? error) });
  }
});

process.on('disconnect', () => process.exit(0));
