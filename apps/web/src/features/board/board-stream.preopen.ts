/** What a board is narrowed to: the division and, for AI events, the task. */
export interface BoardSelection {
  division?: string;
  task?: string;
}

/** A board read's query string: the selection, then any extra parameters. */
function boardQuery(selection: BoardSelection, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  if (selection.division) params.set('division', selection.division);
  if (selection.task) params.set('task', selection.task);
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  return params.toString();
}

/** The rows one request (and the stream) carries at most (the API's list limit). */
export const PAGE_SIZE = 500;

export const boardStreamUrl = (slug: string, selection: BoardSelection) =>
  `/api/v1/events/${encodeURIComponent(slug)}/leaderboard/stream?${boardQuery(selection, { limit: String(PAGE_SIZE) })}`;

interface Preopened {
  url: string;
  response: Promise<Response>;
  controller: AbortController;
  timer: ReturnType<typeof setTimeout>;
}

// A request nobody adopts within this long (the page went elsewhere) is closed.
const ADOPT_WITHIN_MS = 10_000;
let preopened: Preopened | null = null;

function drop(): void {
  if (!preopened) return;
  clearTimeout(preopened.timer);
  preopened.controller.abort();
  preopened = null;
}

/**
 * Sends a board stream's request from the route's loader, while the board's code is still downloading: the first
 * rows are then on their way when the page mounts (a 2 000-team board's first screen is mostly this wait).
 */
export function preopenBoardStream(url: string, open: (signal: AbortSignal) => Promise<Response>): void {
  // The first load starts a board's stream before the router does; the router's own call then keeps that request.
  if (preopened?.url === url) return;
  drop();
  const controller = new AbortController();
  const response = open(controller.signal);
  // A failed request is forgotten (the page opens its own); it must not surface as an unhandled rejection.
  response.catch(() => {
    if (preopened?.response === response) drop();
  });
  preopened = { url, response, controller, timer: setTimeout(drop, ADOPT_WITHIN_MS) };
}

/** The pre-opened request for `url`, handed over once; aborting `signal` then closes it. */
export function adoptPreopenedStream(url: string, signal: AbortSignal): Promise<Response> | null {
  if (!preopened || preopened.url !== url) return null;
  const { response, controller, timer } = preopened;
  preopened = null;
  clearTimeout(timer);
  signal.addEventListener('abort', () => controller.abort(), { once: true });
  return response;
}
