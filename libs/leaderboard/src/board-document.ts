/** One row of any board, in the contract's shape. */
export interface BoardRow {
  rank: number;
  teamId: string;
  teamName: string;
  division: string | null;
  score: number;
  lastScoredAt: string | null;
  /** AI boards of custom scorers: every key the scorer wrote for the ranked submission, on this board's split. */
  scores?: Record<string, number>;
  /** A disqualified team: on the organisers' (live) boards only, never on the public ones. */
  banned?: true;
}

/** Organisers read the live view; everyone else the public one (frozen from freezeAt until revealed). */
export type BoardView = 'live' | 'public';

/** Every board of an event for one view, as cached in Redis and in each api instance. */
export interface BoardDocument {
  eventId: string;
  view: BoardView;
  /** Increases with every recompute of the event (Redis INCR): the SSE event id and the ETag. */
  version: number;
  /** True from freezeAt on, for everyone, until organisers reveal. */
  frozen: boolean;
  updatedAt: string;
  /** AI events: the tasks, to resolve `?task=` by id or name. */
  tasks: Array<{ id: string; name: string; closesAt?: string; scoreKey?: string | null }>;
  /** Board key (`all`, `division:<name>`, `task:<id>:public|private[:division:<name>]`) → ranked rows. */
  boards: Record<string, BoardRow[]>;
}

export const boardKeys = {
  all: 'all',
  division: (name: string) => `division:${name}`,
  task: (id: string, board: 'public' | 'private') => `task:${id}:${board}`,
  /** A task board's rows of one division, ranked among themselves. */
  taskDivision: (id: string, board: 'public' | 'private', division: string) => `task:${id}:${board}:division:${division}`,
};

/** The CTF feeds of one view, serialized as stored in Redis (computed by the worker right after the boards). */
export interface BoardFeedTexts {
  /** The CTFtime feed. */
  ctftime: string;
  /** Board key (`all`, `division:<name>`) → the score graph of its top teams. */
  history: string;
  /** The latest solves, newest first (the projector's ticker). */
  solves: string;
}
