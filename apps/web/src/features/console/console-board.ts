import { useEffect, useState } from 'react';
import { openBoardStream, StreamState } from '../board/board-stream';
import { Board } from '../board/board.queries';

/** Which board an organiser reads: the live one, or the one everyone else sees (frozen during a freeze). */
export type BoardView = 'live' | 'public';

/** How many rows each of the console's boards shows. */
export const CONSOLE_BOARD_ROWS = 100;

export interface ConsoleBoard {
  board: Board | null;
  state: StreamState;
}

/** One view of the event's board, pushed over SSE (the API gives organisers the public view when asked, `view=public`). */
export function useConsoleBoard(slug: string, view: BoardView): ConsoleBoard {
  const url = `/api/v1/events/${encodeURIComponent(slug)}/leaderboard/stream?${new URLSearchParams({ limit: String(CONSOLE_BOARD_ROWS), view }).toString()}`;
  const [live, setLive] = useState<ConsoleBoard & { url: string }>({ url, board: null, state: 'connecting' });
  useEffect(() => {
    const mine = (previous: ConsoleBoard & { url: string }) => (previous.url === url ? previous : { url, board: null, state: 'connecting' as StreamState });
    return openBoardStream({
      url,
      onMessage: (message) => {
        if (message.event !== 'leaderboard') return;
        const board = JSON.parse(message.data) as Board;
        setLive((previous) => ({ ...mine(previous), board }));
      },
      onState: (state) => setLive((previous) => ({ ...mine(previous), state })),
    });
  }, [url]);
  return live.url === url ? { board: live.board, state: live.state } : { board: null, state: 'connecting' };
}
