import { useEffect, useRef } from 'react';
import { api } from '../../api/client';
import { getSession } from '../../api/session.store';
import type { Announcement } from './events.queries';

/** What an event's live stream (`GET /events/:slug/leaderboard/stream`) tells a page. */
export interface EventStreamHandlers {
  /** A new board version (not the one sent on connect): standings, solves and values may have changed. */
  onBoardChanged?: () => void;
  /** An organiser posted an announcement. */
  onAnnouncement?: (announcement: Announcement) => void;
  /** An organiser edited an announcement (its new text; not news to toast). */
  onAnnouncementUpdated?: (announcement: Announcement) => void;
  /** An organiser deleted an announcement. */
  onAnnouncementDeleted?: (id: string) => void;
  /** The stream was opened again after it ended: what it carried meanwhile (announcements) is worth reading again. */
  onResumed?: () => void;
}

const MAX_RETRY_MS = 60_000;

// The access token's expiry from its payload: only to refresh it before the stream needs it, never to decide access.
function expiresSoon(token: string): boolean {
  try {
    const payload = JSON.parse(atob((token.split('.')[1] ?? '').replace(/-/g, '+').replace(/_/g, '/'))) as { exp?: number };
    return typeof payload.exp !== 'number' || payload.exp * 1000 < Date.now() + 10_000;
  } catch {
    return true;
  }
}

// EventSource cannot send headers: the token goes as ?access_token=, refreshed first (a 401 makes the client refresh).
async function streamUrl(slug: string): Promise<string> {
  const path = `/api/v1/events/${encodeURIComponent(slug)}/leaderboard/stream`;
  let session = getSession();
  if (session && expiresSoon(session.accessToken)) {
    await api.GET('/api/v1/auth/me');
    session = getSession();
  }
  return session ? `${path}?access_token=${encodeURIComponent(session.accessToken)}` : path;
}

/**
 * Follows the event's live stream while the page is open. The browser reconnects by itself after a network drop;
 * when the stream ends (token expired, `event: reconnect`) or is refused, it is opened again with a fresh token after
 * a growing pause.
 */
export function useEventStream(slug: string, handlers: EventStreamHandlers): void {
  const latest = useRef(handlers);
  // The stream's listeners call the newest handlers without reopening it when a render passes new ones.
  useEffect(() => {
    latest.current = handlers;
  });
  useEffect(() => {
    let source: EventSource | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    let failures = 0;
    let opened = 0;
    let connected = false;
    const open = async () => {
      const url = await streamUrl(slug).catch(() => null);
      if (stopped) return;
      if (url === null) return retry();
      // The frame sent on the first connect is what the page already read; after a gap it may be news.
      let first = opened === 0;
      opened += 1;
      source = new EventSource(url);
      source.addEventListener('open', () => {
        failures = 0;
        // Any open after the first (the browser's own reconnect after a drop, or ours) follows a gap.
        if (connected) latest.current.onResumed?.();
        connected = true;
      });
      source.addEventListener('leaderboard', () => {
        if (!first) latest.current.onBoardChanged?.();
        first = false;
      });
      source.addEventListener('announcement', (message) => {
        try {
          latest.current.onAnnouncement?.(JSON.parse((message as MessageEvent<string>).data) as Announcement);
        } catch {
          // A malformed frame is skipped; the list is read again on the next visit.
        }
      });
      source.addEventListener('announcement-updated', (message) => {
        try {
          latest.current.onAnnouncementUpdated?.(JSON.parse((message as MessageEvent<string>).data) as Announcement);
        } catch {
          // Skipped as above.
        }
      });
      source.addEventListener('announcement-deleted', (message) => {
        try {
          latest.current.onAnnouncementDeleted?.((JSON.parse((message as MessageEvent<string>).data) as { id: string }).id);
        } catch {
          // Skipped as above.
        }
      });
      source.addEventListener('reconnect', () => retry(0));
      source.addEventListener('error', () => {
        if (source?.readyState === EventSource.CLOSED) retry();
      });
    };
    const retry = (delay = Math.min(MAX_RETRY_MS, 2000 * 2 ** failures)) => {
      source?.close();
      source = null;
      failures += 1;
      clearTimeout(timer);
      if (!stopped) timer = setTimeout(() => void open(), delay);
    };
    void open();
    return () => {
      stopped = true;
      clearTimeout(timer);
      source?.close();
    };
  }, [slug]);
}
