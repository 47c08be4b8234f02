// Calibration: a bare Fastify route serving a cached 100-row board (the yardstick, about 40 000 req/s on
// this machine when it is otherwise idle). Cached means serialized once, as the api's board pages are: serializing
// 8.5 KB of JSON per request would cap this route near 14 000/s here. Prints its port on stdout, then serves until killed.
import Fastify from 'fastify';

const rows = Array.from({ length: 100 }, (_, index) => ({
  rank: index + 1,
  teamId: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
  teamName: `team-${String(index).padStart(5, '0')}`,
  division: null,
  score: 100_000 - index * 37,
  lastScoredAt: new Date(Date.now() - index * 60_000).toISOString(),
}));
const board = Buffer.from(JSON.stringify({ eventId: '00000000-0000-4000-8000-000000000000', frozen: false, updatedAt: new Date().toISOString(), total: 100, rows }));

const app = Fastify({ logger: false });
app.get('/board', (_request, reply) => {
  void reply.header('content-type', 'application/json; charset=utf-8').send(board);
});
await app.listen({ port: 0, host: '127.0.0.1' });
console.log(`port ${app.server.address().port}`);
