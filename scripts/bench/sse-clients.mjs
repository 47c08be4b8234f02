// SSE clients in a child process of the bench (never the api's): opens `count` raw HTTP connections to the
// leaderboard stream and records, per client, when it received each new score of one team (wall-clock ms,
// comparable across processes). Driven by messages:
//   { cmd: 'open', url, count, teamId, concurrency } → { type: 'opened', connected, failed, errors, ms, scores }
//   { cmd: 'wait', score, timeoutMs }                → { type: 'waited', reached, missing }
//   { cmd: 'close' }                                 → { type: 'results', clients: [[[t, score], …], …], dropped, boards, bytes }
import http from 'node:http';

const now = () => performance.timeOrigin + performance.now();
const clients = [];
let waiters = [];

function scoreOf(data, teamId) {
  const board = JSON.parse(data);
  const row = board.rows?.find((candidate) => candidate.teamId === teamId);
  return row ? row.score : null;
}

function checkWaiters() {
  waiters = waiters.filter((waiter) => {
    if (clients.every((client) => client.closed || client.best >= waiter.score)) {
      waiter.done();
      return false;
    }
    return true;
  });
}

function openOne(url, teamId) {
  return new Promise((resolve) => {
    const client = { received: [], best: -Infinity, closed: false, dropped: false, request: null, boards: 0, bytes: 0 };
    let settled = false;
    const settle = (error) => {
      if (settled) return;
      settled = true;
      resolve(error ? { error } : { client });
    };
    const request = http.get(url, { agent: false, headers: { accept: 'text/event-stream' } }, (response) => {
      if (response.statusCode !== 200) {
        response.resume();
        settle(`HTTP ${response.statusCode}`);
        return;
      }
      response.setEncoding('utf8');
      let buffer = '';
      response.on('data', (chunk) => {
        const at = now();
        buffer += chunk;
        let end;
        while ((end = buffer.indexOf('\n\n')) !== -1) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          client.bytes += block.length + 2;
          let event = 'message';
          const data = [];
          for (const line of block.split('\n')) {
            if (line.startsWith('event:')) event = line.slice(6).trim();
            else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
          }
          if (event !== 'leaderboard' || data.length === 0) continue;
          client.boards += 1;
          const score = scoreOf(data.join('\n'), teamId);
          if (score !== null && score !== client.best) {
            client.best = score;
            client.received.push([at, score]);
          }
          settle(null);
        }
        if (waiters.length > 0) checkWaiters();
      });
      response.on('close', () => {
        if (!client.closing) client.dropped = true;
        client.closed = true;
        settle('closed before the first board');
        if (waiters.length > 0) checkWaiters();
      });
    });
    client.request = request;
    request.on('error', (error) => settle(error.code ?? error.message));
  });
}

async function open({ url, count, teamId, concurrency }) {
  const started = now();
  let next = 0;
  let failed = 0;
  const errors = {};
  const lane = async () => {
    while (next < count) {
      next += 1;
      const result = await openOne(url, teamId);
      if (result.error) {
        failed += 1;
        errors[result.error] = (errors[result.error] ?? 0) + 1;
      } else clients.push(result.client);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  const scores = [...new Set(clients.map((client) => client.best))];
  return { type: 'opened', connected: clients.length, failed, errors, ms: now() - started, scores };
}

process.on('message', async (message) => {
  if (message.cmd === 'open') {
    process.send(await open(message));
  } else if (message.cmd === 'wait') {
    await new Promise((resolve) => {
      const timer = setTimeout(resolve, message.timeoutMs);
      waiters.push({ score: message.score, done: () => (clearTimeout(timer), resolve()) });
      checkWaiters();
    });
    waiters = [];
    const reached = clients.filter((client) => client.best >= message.score).length;
    process.send({ type: 'waited', reached, missing: clients.length - reached });
  } else if (message.cmd === 'close') {
    const dropped = clients.filter((client) => client.dropped).length;
    for (const client of clients) {
      client.closing = true;
      client.request.destroy();
    }
    const boards = clients.reduce((sum, client) => sum + client.boards, 0);
    const bytes = clients.reduce((sum, client) => sum + client.bytes, 0);
    process.send({ type: 'results', clients: clients.map((client) => client.received), dropped, boards, bytes });
  }
});

process.on('disconnect', () => process.exit(0));
