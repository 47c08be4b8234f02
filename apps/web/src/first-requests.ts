import { boardSlugOf, startBoardReads } from './features/board/board.route';
import { initialLanguage, requestShellCatalogue } from './i18n/catalogues';

// main.tsx imports this module first, so it runs before React, Mantine and the router are evaluated (a few hundred
// milliseconds on a slow machine): what the first page waits for is on its way meanwhile, not after. The viewer's
// catalogue always; for a board page its chunk, the event and the stream's first rows.
void requestShellCatalogue(initialLanguage());
const boardSlug = boardSlugOf(location.pathname);
if (boardSlug) startBoardReads(boardSlug, new URLSearchParams(location.search));
