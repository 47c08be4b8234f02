import { queryClient } from '../../api/query-client';
import { getSession } from '../../api/session.store';
import { eventQuery } from '../events/event.query';
import { boardStreamUrl, preopenBoardStream } from './board-stream.preopen';
import { requestBoardStream } from './board-stream.request';
import { myTeamQuery } from './my-team.query';

/** The board page's chunk: the route's `lazy` and the first load's early start ask for the same one. */
export const loadBoardPage = () => import('./board.page');

/** The board's slug when `pathname` is a board page's (`/events/<slug>/board`). */
export function boardSlugOf(pathname: string): string | null {
  const [, slug] = /^\/events\/([^/]+)\/board\/?$/.exec(pathname) ?? [];
  try {
    return slug ? decodeURIComponent(slug) : null;
  } catch {
    return null;
  }
}

/**
 * Starts what a board page waits for before its code has arrived: its chunk (the projector's too), the event, the
 * stream's first rows and, for a signed-in viewer, their team (highlighted in the rows). A second start for the same
 * board reuses what the first one asked for.
 */
export function startBoardReads(slug: string, search: URLSearchParams): void {
  // A failed chunk is the route's to report: it asks again.
  loadBoardPage().catch(() => undefined);
  if (search.has('projector')) import('./projector.view').catch(() => undefined);
  const url = boardStreamUrl(slug, { division: search.get('division') ?? undefined, task: search.get('task') ?? undefined });
  preopenBoardStream(url, (signal) => requestBoardStream(url, signal));
  void queryClient.prefetchQuery(eventQuery(slug));
  if (getSession()) void queryClient.prefetchQuery(myTeamQuery(slug));
}
