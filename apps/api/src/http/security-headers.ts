import helmet, { HelmetOptions } from 'helmet';
import { IncomingMessage, ServerResponse } from 'http';

/**
 * The headers helmet sets for `options`, worked out once. With the content security policy off (the api serves JSON)
 * none of them depends on the request, so every response gets the same set; running helmet's middleware chain per
 * request (as @fastify/helmet does, rebuilding it each time) was a tenth of a cached board read's CPU.
 */
export function securityHeaders(options: HelmetOptions): Record<string, string> {
  if (options.contentSecurityPolicy !== false) throw new Error('securityHeaders: a content security policy may carry per-request nonces');
  const headers: Record<string, string> = {};
  const response = {
    setHeader: (name: string, value: string | number | readonly string[]) => {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader: (name: string) => {
      delete headers[name.toLowerCase()];
    },
  };
  let failure: unknown;
  helmet(options)({} as IncomingMessage, response as unknown as ServerResponse, (error?: unknown) => (failure = error));
  if (failure) throw failure instanceof Error ? failure : new Error('helmet refused the options');
  return headers;
}
