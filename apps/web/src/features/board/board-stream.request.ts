import { authFetch } from '../../api/client';

/** A board stream's request (resuming after `lastEventId` when given). */
export function requestBoardStream(url: string, signal: AbortSignal, lastEventId = ''): Promise<Response> {
  const headers: Record<string, string> = { accept: 'text/event-stream' };
  if (lastEventId) headers['last-event-id'] = lastEventId;
  return authFetch(new Request(url, { headers, signal, cache: 'no-store' }));
}
