import { keepPreviousData, useQueries, useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { api } from '../../api/client';
import type { components } from '../../api/schema';
import { useSignedIn } from '../auth/auth.queries';
import { openBoardStream, StreamState } from './board-stream';
import { BoardSelection, boardStreamUrl, PAGE_SIZE } from './board-stream.preopen';
import { myTeamQuery } from './my-team.query';

export type Board = components['schemas']['BoardResponseDto'];
export type BoardRow = components['schemas']['BoardRowDto'];
export type TeamHistory = components['schemas']['TeamHistoryDto'];

export { PAGE_SIZE } from './board-stream.preopen';
export type { BoardSelection } from './board-stream.preopen';

export interface LiveBoard {
  board: Board | null;
  /** The board's version (the stream's event id): later reads wait for feeds of at least this version. */
  version: number;
  state: StreamState;
  /** The HTTP status that stopped the stream (404: the board is not visible to the caller). */
  failedStatus?: number;
}

/** The board pushed over SSE: the first PAGE_SIZE rows and the total, replaced on every change. */
export function useLiveBoard(slug: string, selection: BoardSelection): LiveBoard {
  const url = boardStreamUrl(slug, selection);
  // Kept with the stream it came from: another tab or division starts from nothing, not from the last one's rows.
  const [live, setLive] = useState<LiveBoard & { url: string }>({ url, ...CONNECTING });
  useEffect(() => {
    const mine = (previous: LiveBoard & { url: string }) => (previous.url === url ? previous : { url, ...CONNECTING });
    return openBoardStream({
      url,
      onMessage: (message) => {
        if (message.event !== 'leaderboard') return;
        const board = JSON.parse(message.data) as Board;
        setLive((previous) => ({ ...mine(previous), board, version: Number(message.lastEventId) || mine(previous).version }));
      },
      onState: (state, detail) => setLive((previous) => ({ ...mine(previous), state, failedStatus: detail?.status })),
    });
  }, [url]);
  if (live.url !== url) return CONNECTING;
  const { url: _url, ...board } = live;
  return board;
}

const CONNECTING: LiveBoard = { board: null, version: 0, state: 'connecting' };

/**
 * Rows past the stream's first page, read page by page only when shown (a 2 000-team board scrolled to its end), and
 * read again when the board's version changes.
 */
export function useBoardPages(slug: string, selection: BoardSelection, version: number, pages: number[]): Map<number, BoardRow[]> {
  const results = useQueries({
    queries: pages.map((page) => ({
      queryKey: ['/api/v1/events/{slug}/leaderboard', slug, selection, page, version],
      placeholderData: keepPreviousData,
      gcTime: 10_000,
      queryFn: async () => {
        const { data, error } = await api.GET('/api/v1/events/{slug}/leaderboard', {
          params: { path: { slug }, query: { ...selection, offset: page * PAGE_SIZE, limit: PAGE_SIZE } },
        });
        if (error) throw error;
        return data.rows;
      },
    })),
  });
  const rows = new Map<number, BoardRow[]>();
  results.forEach((result, index) => {
    const page = pages[index];
    if (result.data && page !== undefined) rows.set(page, result.data);
  });
  return rows;
}

/** The caller's team in the event (null when signed out or in none), to highlight its row. */
export function useMyTeamId(slug: string): string | null {
  const signedIn = useSignedIn();
  const team = useQuery({ ...myTeamQuery(slug), enabled: signedIn });
  return signedIn ? (team.data?.id ?? null) : null;
}

/** The version a feed was computed with, from its ETag (`W/"history-<version>-…"`). */
export function feedVersion(response: Response): number {
  return Number(/^W\/"[a-z]+-(\d+)-/.exec(response.headers.get('etag') ?? '')?.[1] ?? 0);
}

// The worker computes the feeds just after the board (at most once a second per event during a storm): a read right
// after a push may still find the previous ones, and is tried again a few times.
const FEED_RETRIES = 5;
const FEED_RETRY_MS = 1000;

/** Reads a feed until it is at least `version` (or the retries run out: the older one is shown until the next push). */
export async function readFeed<T>(read: () => Promise<{ data?: T; error?: unknown; response: Response }>, version: number): Promise<T> {
  for (let attempt = 0; ; attempt += 1) {
    const { data, error, response } = await read();
    if (error || data === undefined) throw error ?? new Error('empty feed');
    if (feedVersion(response) >= version || attempt >= FEED_RETRIES) return data;
    await new Promise((resolve) => setTimeout(resolve, FEED_RETRY_MS));
  }
}

// In a storm the board is pushed several times a second; the graph and the ticker follow at most this often, so a
// thousand open boards do not read the feeds thousands of times a second.
const FEED_FOLLOW_MS = 3000;

/** `value`, changing at most once per `ms` (the latest value is taken when the pause ends). */
export function useThrottled<T>(value: T, ms: number): T {
  const [shown, setShown] = useState(value);
  const last = useRef(0);
  useEffect(() => {
    const timer = setTimeout(
      () => {
        last.current = Date.now();
        setShown(value);
      },
      Math.max(0, last.current + ms - Date.now()),
    );
    return () => clearTimeout(timer);
  }, [value, ms]);
  return shown;
}

/** The score graph of the top 10 (CTF boards), read again as new board versions come (at most every 3 s). */
export function useScoreHistory(slug: string, division: string | undefined, latestVersion: number, enabled: boolean) {
  const version = useThrottled(latestVersion, FEED_FOLLOW_MS);
  return useQuery({
    queryKey: ['/api/v1/events/{slug}/leaderboard/history', slug, division ?? null, version],
    enabled: enabled && version > 0,
    placeholderData: keepPreviousData,
    gcTime: 10_000,
    queryFn: () => readFeed(() => api.GET('/api/v1/events/{slug}/leaderboard/history', { params: { path: { slug }, query: { top: 10, division } } }), version),
  });
}

export type RecentSolve = components['schemas']['RecentSolveDto'];

/** How many solves the projector's ticker shows: the feed answers no more, so nothing accumulates all day. */
export const TICKER_SOLVES = 12;

/** The latest solves (CTF), read again as new board versions come (at most every 3 s); each answer replaces the last. */
export function useRecentSolves(slug: string, latestVersion: number, enabled: boolean) {
  const version = useThrottled(latestVersion, FEED_FOLLOW_MS);
  return useQuery({
    queryKey: ['/api/v1/events/{slug}/leaderboard/solves', slug, version],
    enabled: enabled && version > 0,
    placeholderData: keepPreviousData,
    gcTime: 10_000,
    queryFn: () => readFeed(() => api.GET('/api/v1/events/{slug}/leaderboard/solves', { params: { path: { slug }, query: { limit: TICKER_SOLVES } } }), version),
  });
}
