// SSE clients in a child process of the bench (never the api's): opens `count` raw HTTP connections to the
// leaderboard stream and records, per client, when it received each new score of one team (wall-clock ms,
// comparable across processes). Driven by messages:
//   { cmd: 'open', url, count, teamId, concurrency } → { type: 'opened', connected, failed, errors, ms, scores }
//   { cmd: 'wait', score, timeoutMs }                → { type: 'waited', reached, missing }
//   { cmd: 'close' }                                 → { type: 'results', clients: [[[t, score], …], …], dropped, boards, bytes }
// Storm mode: `open` with `track: [teamId, …]` records, per client, when each tracked team's lastScoredAt changed;
// `close` with `solves: [{ teamId, scoredAtMs, respondedAt }]` then answers, instead of `clients`, `latencies` (per
// client × solve: from the attempt's response to the first board whose row shows that solve) and `missing`.
import http from 'node:http';

const now = () => performance.timeOrigin + performance.now();
const clients = [];
let waiters = [];

function scoreOf(data, teamId) {
  const board = JSON.parse(data);
  const row = board.rows?.find((candidate) => candidate.teamId === teamId);
  return row ? row.score : null;
}

// 1 000 clients receive the same text: it is parsed once (a board of 100 rows is ~10 KB).
const parsedBoards = new Map();
function trackedMarks(data, track) {
  let marks = parsedBoards.get(data);
  if (!marks) {
    const rows = JSON.parse(data).rows ?? [];
    marks = track.map((teamId) => {
      const row = rows.find((candidate) => candidate.teamId === teamId);
      return row?.lastScoredAt ? Date.parse(row.lastScoredAt) : null;
    });
    if (parsedBoards.size > 16) parsedBoards.clear();
    parsedBoards.set(data, marks);
  }
  return marks;
}

function recordTracked(client, data, track, at) {
  trackedMarks(data, track).forEach((mark, index) => {
    if (mark !== null && mark !== client.last[index]) {
      client.last[index] = mark;
      client.seen.push([at, index, mark]);
    }
  });
}

function solveLatencies(solves, track) {
  const latencies = [];
  let missing = 0;
  for (const client of clients) {
    for (const solve of solves) {
      const index = track.indexOf(solve.teamId);
      const hit = client.seen.find(([, team, mark]) => team === index && mark >= solve.scoredAtMs);
      if (hit) latencies.push(Math.max(0, hit[0] - solve.respondedAt));
      else missing += 1;
    }
  }
  return { latencies, missing };
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

function openOne(url, teamId, track) {
  return new Promise((resolve) => {
    const client = { received: [], best: -Infinity, closed: false, dropped: false, request: null, boards: 0, bytes: 0, seen: [], last: [] };
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
          if (track) {
            recordTracked(client, data.join('\n'), track, at);
            settle(null);
            continue;
          }
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

let tracking = null;
async function open({ url, count, teamId, concurrency, track }) {
  tracking = track ?? null;
  const started = now();
  let next = 0;
  let failed = 0;
  const errors = {};
  const lane = async () => {
    while (next < count) {
      next += 1;
      const result = await openOne(url, teamId, tracking);
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
    const received = message.solves ? solveLatencies(message.solves, tracking) : { clients: clients.map((client) => client.received) };
    process.send({ type: 'results', ...received, dropped, boards, bytes });
  }
});

process.on('disconnect', () => process.exit(0));
