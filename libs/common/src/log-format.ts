import type { TransportSingleOptions } from 'pino';

/** `LOG_FORMAT`: `auto` prints readable lines on a terminal and JSON lines when piped or in production. */
export enum LogFormat {
  Auto = 'auto',
  Pretty = 'pretty',
  Json = 'json',
}

/** What the choice depends on besides the setting. */
export interface LogOutput {
  /** Standard output is a terminal (a person reads it). */
  tty: boolean;
  /** NODE_ENV=production: log collectors expect JSON whatever the output is. */
  production: boolean;
}

// pino-pretty is a development dependency: absent from a production install, where auto stays JSON.
function prettyInstalled(): boolean {
  try {
    require.resolve('pino-pretty');
    return true;
  } catch {
    return false;
  }
}

/** The format the logs are written in: `pretty` or `json`. */
export function resolveLogFormat(format: `${LogFormat}`, output: LogOutput, installed: () => boolean = prettyInstalled): LogFormat.Pretty | LogFormat.Json {
  if (format === 'json') return LogFormat.Json;
  if (format === 'pretty') {
    if (!installed()) throw new Error('LOG_FORMAT=pretty needs the pino-pretty package (a development dependency); use auto or json');
    return LogFormat.Pretty;
  }
  return output.tty && !output.production && installed() ? LogFormat.Pretty : LogFormat.Json;
}

/**
 * The pino `transport` for the format: pino-pretty (in pino's worker thread, so formatting never holds up a request) for
 * `pretty`, none (JSON lines on stdout) for `json`. `destination` is for tests (a file instead of stdout).
 */
export function logTransport(format: `${LogFormat}`, output: LogOutput, destination?: string): TransportSingleOptions | undefined {
  if (resolveLogFormat(format, output) === LogFormat.Json) return undefined;
  return {
    target: 'pino-pretty',
    options: {
      // The worker thread's stdout is not a terminal: colour follows the process's own.
      colorize: output.tty,
      translateTime: 'SYS:HH:MM:ss.l',
      // One line per entry: the logger's context and the request (method, path, status, time) on the message's line;
      // anything else (an error's stack, ids) follows it as usual.
      messageFormat:
        '{if context}[{context}] {end}{msg}{if req.method} · {req.method} {req.url}{end}{if res.statusCode} → {res.statusCode}{end}{if responseTime} in {responseTime} ms{end}{if req.id} ({req.id}){end}',
      ignore: 'pid,hostname,context,req,res,responseTime',
      ...(destination === undefined ? {} : { destination }),
    },
  };
}
