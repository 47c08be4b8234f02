import createClient from 'openapi-fetch';
import type { paths } from './schema';
import { getSession, setSession } from './session.store';

const REFRESH_PATH = '/api/v1/auth/refresh';

// A refresh token works once: concurrent 401s share one refresh.
let refreshing: Promise<boolean> | null = null;

async function refreshOnce(spentAccessToken: string | undefined): Promise<boolean> {
  const session = getSession();
  if (!session) return false;
  // Another tab (or request) already refreshed: use its tokens.
  if (spentAccessToken && session.accessToken !== spentAccessToken) return true;
  refreshing ??= fetch(REFRESH_PATH, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ refreshToken: session.refreshToken }),
  })
    .then(async (response) => {
      if (!response.ok) {
        setSession(null);
        return false;
      }
      const body = (await response.json()) as { accessToken: string; refreshToken: string };
      setSession({ accessToken: body.accessToken, refreshToken: body.refreshToken });
      return true;
    })
    .catch(() => false)
    .finally(() => {
      refreshing = null;
    });
  return refreshing;
}

function withToken(request: Request): Request {
  const session = getSession();
  const authorised = new Request(request);
  if (session) authorised.headers.set('authorization', `Bearer ${session.accessToken}`);
  return authorised;
}

/** Sends with the access token; on a 401 refreshes once and retries, and a failed refresh ends the session. */
export async function authFetch(request: Request): Promise<Response> {
  const retry = request.clone();
  const first = withToken(request);
  const response = await fetch(first);
  if (response.status !== 401 || !getSession()) return response;
  const spent = first.headers.get('authorization')?.replace(/^Bearer /, '');
  if (!(await refreshOnce(spent))) return response;
  return fetch(withToken(retry));
}

export const api = createClient<paths>({ baseUrl: '', fetch: authFetch });

/** The API's error body: { statusCode, error, message: string | string[], code? }. */
export interface ApiError {
  statusCode: number;
  error?: string;
  message?: string | string[];
  code?: string;
}

/**
 * Validation messages name the field first ("password must be …", "each of divisions must …", and for a nested one
 * "registration.questions.0.label must …"): each goes next to its field.
 */
export function fieldErrors(error: unknown, fields: readonly string[]): { byField: Record<string, string>; rest: string[] } {
  const messages = (error as ApiError | undefined)?.message;
  const list = Array.isArray(messages) ? messages : messages ? [messages] : [];
  const byField: Record<string, string> = {};
  const rest: string[] = [];
  for (const message of list) {
    const subject = message.replace(/^each of /, '');
    const field = fields.find((name) => subject.startsWith(`${name} `) || subject.startsWith(`${name}.`));
    if (field && !byField[field]) byField[field] = message;
    else rest.push(message);
  }
  return { byField, rest };
}
