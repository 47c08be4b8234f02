import { BoardView } from './board-document';
import { BoardQueryDto } from './dto/board-query.dto';

/**
 * The key of a stream audience: the view granted (not the one asked for: `?view=live` from anyone but an organiser is
 * the public view) and the board query's fields in a fixed order, so that no spelling of the same board opens a second
 * audience (each costs a read and a serialisation per push).
 */
export function audienceKey(eventId: string, view: BoardView, query: BoardQueryDto): string {
  return `${eventId}|${view}|${JSON.stringify([query.division ?? null, query.task ?? null, query.board ?? null, query.limit, query.offset])}`;
}
