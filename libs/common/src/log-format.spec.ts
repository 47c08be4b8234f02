import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import pino from 'pino';
import { logTransport, resolveLogFormat } from './log-format';

const terminal = { tty: true, production: false };
const piped = { tty: false, production: false };
const installed = () => true;
const missing = () => false;

describe('resolveLogFormat', () => {
  it('should print pretty lines when auto and stdout is a terminal outside production', () => {
    expect(resolveLogFormat('auto', terminal, installed)).toBe('pretty');
  });

  it('should keep JSON lines when auto and stdout is piped', () => {
    expect(resolveLogFormat('auto', piped, installed)).toBe('json');
  });

  it('should keep JSON lines when auto in production even on a terminal', () => {
    expect(resolveLogFormat('auto', { tty: true, production: true }, installed)).toBe('json');
  });

  it('should keep JSON lines when auto and pino-pretty is not installed (a production install)', () => {
    expect(resolveLogFormat('auto', terminal, missing)).toBe('json');
  });

  it('should follow an explicit choice when one is set', () => {
    expect(resolveLogFormat('pretty', piped, installed)).toBe('pretty');
    expect(resolveLogFormat('pretty', { tty: false, production: true }, installed)).toBe('pretty');
    expect(resolveLogFormat('json', terminal, installed)).toBe('json');
  });

  it('should refuse pretty naming the missing package when pino-pretty is not installed', () => {
    expect(() => resolveLogFormat('pretty', terminal, missing)).toThrow(/LOG_FORMAT=pretty needs the pino-pretty package/);
  });
});

describe('logTransport', () => {
  it('should give no transport (pino writes JSON to stdout) when the format is json', () => {
    expect(logTransport('json', terminal)).toBeUndefined();
    expect(logTransport('auto', piped)).toBeUndefined();
  });

  it('should colour only when the process writes to a terminal', () => {
    expect(logTransport('auto', terminal)?.options).toMatchObject({ colorize: true });
    expect(logTransport('pretty', piped)?.options).toMatchObject({ colorize: false });
  });

  it('should write readable lines, not JSON, through pino-pretty when pretty', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'arena-log-format-'));
    try {
      const file = join(dir, 'log.txt');
      const transport = pino.transport(logTransport('pretty', piped, file) as pino.TransportSingleOptions);
      const logger = pino({ level: 'info' }, transport);
      logger.info({ submissionId: 42, context: 'ScoringService' }, 'submission 42 scored in 812 ms');
      logger.info({ req: { id: 'req-7', method: 'GET', url: '/health' }, res: { statusCode: 200 }, responseTime: 35 }, 'request completed');
      await new Promise<void>((resolve) => {
        transport.once('close', () => resolve());
        transport.end();
      });
      const text = readFileSync(file, 'utf8');
      expect(text).toMatch(/INFO.*\[ScoringService\] submission 42 scored in 812 ms/);
      expect(text).toMatch(/INFO.*request completed · GET \/health → 200 in 35 ms \(req-7\)\n/);
      expect(text).not.toContain('statusCode');
      expect(text).toContain('submissionId: 42');
      expect(text).not.toContain('{"level"');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
