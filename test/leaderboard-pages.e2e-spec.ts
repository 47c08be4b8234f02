import { BoardPages } from '@arena/leaderboard';
import { createChallenge, ctfTeam, runningCtf } from './factories/ctf.factory';
import { createTestApp, TestApp } from './utils/test-app';

// Anonymous board reads answered from their serialized page, ahead of Nest's middleware: they must still carry what
// every response carries (CORS for allowed origins, the request id, helmet's headers).
describe('leaderboard pages', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp({ CORS_ORIGINS: 'https://board.example' });
  });

  afterAll(async () => {
    await app.close();
  });

  it('should answer repeated anonymous reads from the page with CORS, request id and security headers, and 304 alike', async () => {
    const event = await runningCtf(app);
    await createChallenge(app, event);
    await ctfTeam(app, event);
    const pages = app.app.get(BoardPages, { strict: false });
    const served = jest.spyOn(pages, 'serve');
    const read = (headers: Record<string, string>) => {
      const request = app.http().get(`/api/v1/events/${event.slug}/leaderboard`);
      for (const [name, value] of Object.entries(headers)) void request.set(name, value);
      return request;
    };
    const first = await read({ Origin: 'https://board.example' }).expect(200);
    const answers = [first];
    for (let index = 0; index < 3; index += 1) answers.push(await read({ Origin: 'https://board.example', 'X-Request-Id': `page-${index}` }).expect(200));
    expect(served.mock.results.some((result) => result.value === true)).toBe(true);
    for (const answer of answers) {
      expect(answer.headers['access-control-allow-origin']).toBe('https://board.example');
      expect(answer.headers['x-content-type-options']).toBe('nosniff');
      expect(answer.headers.etag).toBe(first.headers.etag);
      expect(answer.body).toEqual(first.body);
    }
    expect(answers.slice(1).map((answer) => answer.headers['x-request-id'])).toEqual(['page-0', 'page-1', 'page-2']);
    const unchanged = await read({ Origin: 'https://board.example', 'If-None-Match': first.headers.etag }).expect(304);
    expect(unchanged.headers['access-control-allow-origin']).toBe('https://board.example');
    const foreign = await read({ Origin: 'https://elsewhere.example' }).expect(200);
    expect(foreign.headers['access-control-allow-origin']).toBeUndefined();
    served.mockRestore();
  });
});
