import { Agent, request as httpRequest, IncomingHttpHeaders } from 'node:http';
import { AddressInfo, connect, Socket } from 'node:net';
import { createTestApp, TestApp } from './utils/test-app';

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
  reusedSocket: boolean;
}

const FIVE_MB = 5 * 1024 * 1024;

// One request through `agent`; the body is written in 64 KiB pieces, as a browser or curl would stream it.
function send(port: number, agent: Agent, options: { method: string; path: string; body?: Buffer; chunked?: boolean; headers?: Record<string, string> }): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { 'content-type': 'application/json', ...options.headers };
    if (options.body && !options.chunked) headers['content-length'] = String(options.body.length);
    const req = httpRequest({ host: '127.0.0.1', port, method: options.method, path: options.path, agent, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body, reusedSocket: req.reusedSocket }));
      res.on('error', reject);
    });
    req.on('error', reject);
    const body = options.body;
    if (!body) return void req.end();
    let offset = 0;
    const pump = (): void => {
      while (offset < body.length) {
        const piece = body.subarray(offset, offset + 64 * 1024);
        offset += piece.length;
        if (!req.write(piece)) return void req.once('drain', pump);
      }
      req.end();
    };
    pump();
  });
}

// Raw socket: sends the head and some of an over-limit body, then stalls; resolves with what the server wrote once it
// closed the connection.
function stallingUpload(port: number, headers: string, sent: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => (received += chunk));
    socket.on('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' ? undefined : reject(error)));
    socket.on('close', () => resolve(received));
    socket.write(headers);
    socket.write(Buffer.alloc(sent, 0x61));
  });
}

// A JSON document of about `bytes` bytes that the register endpoint would otherwise parse.
const bigJson = (bytes: number) => Buffer.from(JSON.stringify({ email: 'big@arena.test', password: 'x'.repeat(bytes), displayName: 'Big', country: 'VN' }));

describe('http limits (over-limit bodies are read and answered, not cut off)', () => {
  let app: TestApp;
  let port: number;

  beforeAll(async () => {
    app = await createTestApp();
    await app.app.listen(0, '127.0.0.1');
    port = (app.app.getHttpServer().address() as AddressInfo).port;
  });

  afterAll(async () => {
    await app.close();
  });

  it('should answer ten 5 MB JSON bodies with ten 413s naming the limit on one keep-alive connection, which stays usable', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const sockets = new Set<Socket>();
    try {
      const body = bigJson(FIVE_MB);
      const answers: Answer[] = [];
      for (let index = 0; index < 10; index += 1) {
        const req = send(port, agent, { method: 'POST', path: '/api/v1/auth/register', body });
        answers.push(await req);
        for (const list of Object.values(agent.freeSockets)) list?.forEach((socket) => sockets.add(socket));
      }
      expect(answers.map((answer) => answer.status)).toEqual(Array(10).fill(413));
      for (const answer of answers) {
        expect(JSON.parse(answer.body)).toMatchObject({ statusCode: 413, error: 'Payload Too Large', code: 'body-too-large', message: expect.stringContaining('1048576 bytes') });
        expect(answer.headers.connection).not.toBe('close');
      }
      expect(answers.slice(1).every((answer) => answer.reusedSocket)).toBe(true);
      const health = await send(port, agent, { method: 'GET', path: '/health' });
      expect(health.status).toBe(200);
      expect(health.reusedSocket).toBe(true);
      expect(sockets.size).toBe(1);
    } finally {
      agent.destroy();
    }
  });

  it('should answer 413 to an over-limit chunked body (no Content-Length) and keep the connection', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const first = await send(port, agent, { method: 'POST', path: '/api/v1/auth/register', body: bigJson(2 * 1024 * 1024), chunked: true });
      expect(first.status).toBe(413);
      expect(JSON.parse(first.body)).toMatchObject({ statusCode: 413, code: 'body-too-large' });
      const second = await send(port, agent, {
        method: 'POST',
        path: '/api/v1/auth/login',
        body: Buffer.from(JSON.stringify({ email: 'nobody@arena.test', password: 'wrong-password' })),
      });
      expect(second.reusedSocket).toBe(true);
      expect(second.status).toBe(401);
    } finally {
      agent.destroy();
    }
  });

  it('should answer 413 and close without waiting when the declared body is beyond what the server would read and discard', async () => {
    const head = `POST /api/v1/auth/register HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${64 * 1024 * 1024}\r\n\r\n`;
    const received = await stallingUpload(port, head, 1024);
    expect(received).toMatch(/^HTTP\/1\.1 413 /);
    expect(received).toContain('body-too-large');
  });

  it('should still parse a body just under the limit', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const body = Buffer.from(JSON.stringify({ email: 'nobody@arena.test', password: 'p'.repeat(1024 * 1024 - 100) }));
      expect(body.length).toBeLessThanOrEqual(1024 * 1024);
      const answer = await send(port, agent, { method: 'POST', path: '/api/v1/auth/login', body });
      expect(answer.status).not.toBe(413);
    } finally {
      agent.destroy();
    }
  });
});

describe('http limits (bounds on what an over-limit body may cost)', () => {
  let app: TestApp;
  let port: number;

  beforeAll(async () => {
    app = await createTestApp({ BODY_DRAIN_SECONDS: '1', BODY_DRAIN_BYTES: String(4 * 1024 * 1024) });
    await app.app.listen(0, '127.0.0.1');
    port = (app.app.getHttpServer().address() as AddressInfo).port;
  });

  afterAll(async () => {
    await app.close();
  });

  it('should answer 413 and close a connection whose over-limit body stalls (slow loris), instead of holding it', async () => {
    const head = `POST /api/v1/auth/register HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${3 * 1024 * 1024}\r\n\r\n`;
    const received = await stallingUpload(port, head, 1024 * 1024 + 4096);
    expect(received).toMatch(/^HTTP\/1\.1 413 /);
    expect(received.toLowerCase()).toContain('connection: close');
  });

  it('should refuse a drain bound that is not a number, naming the variable', async () => {
    await expect(createTestApp({ BODY_DRAIN_SECONDS: 'soon' })).rejects.toThrow('BODY_DRAIN_SECONDS');
  });
});
