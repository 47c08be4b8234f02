import { Badge, Box, Text } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { CSSProperties, RefObject, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Board, BoardRow, BoardSelection, PAGE_SIZE, useBoardPages } from './board.queries';
import classes from './board.module.css';

interface BoardTableProps {
  slug: string;
  selection: BoardSelection;
  board: Board;
  version: number;
  myTeamId: string | null;
  showDivision: boolean;
  /** Projector mode: taller rows, larger type. */
  large?: boolean;
  scrollRef: RefObject<HTMLDivElement | null>;
  /** The height of the scrolling area (CSS). */
  height: string;
}

function formatScore(score: number, language: string): string {
  return new Intl.NumberFormat(language, { maximumFractionDigits: 4 }).format(score);
}

/**
 * The ranked rows, virtualised: only the rows in view (plus a few) are in the DOM, so a board of 2 000 teams renders
 * and updates as fast as one of 20. An ARIA table (rows and cells) with the absolute row numbers, so screen readers
 * announce "row 1 203 of 2 001".
 */
export function BoardTable({ slug, selection, board, version, myTeamId, showDivision, large = false, scrollRef, height }: BoardTableProps) {
  const { t, i18n } = useTranslation();
  const rowHeight = large ? 64 : 40;
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer's methods are read fresh on every render; React's compiler leaving this component unmemoised is what it needs.
  const virtualizer = useVirtualizer({
    count: board.total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 8,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  // Pages past the stream's first one that the rows in view need.
  const pages = useMemo(() => {
    const needed: number[] = [];
    for (let page = Math.max(1, Math.floor(first / PAGE_SIZE)); page <= Math.floor(last / PAGE_SIZE); page += 1) needed.push(page);
    return needed;
  }, [first, last]);
  const extra = useBoardPages(slug, selection, version, pages);
  const rowAt = (index: number): BoardRow | undefined => (index < PAGE_SIZE ? board.rows[index] : extra.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE]);
  const myRank = myTeamId ? board.rows.find((row) => row.teamId === myTeamId)?.rank : undefined;
  const template = showDivision ? classes.withDivision : classes.withoutDivision;
  const columns = board.columns ?? [];

  return (
    <>
      {board.total === 0 && (
        <Text c="dimmed" p="md">
          {t('board.empty')}
        </Text>
      )}
      <div
        role="table"
        aria-label={t('board.tableLabel')}
        aria-rowcount={board.total + 1}
        className={large ? classes.large : undefined}
        style={columns.length ? ({ '--score-columns': `repeat(${columns.length}, 7rem)` } as CSSProperties) : undefined}
      >
        <div role="rowgroup">
          <div role="row" aria-rowindex={1} className={`${classes.row} ${classes.header} ${template}`}>
            <span role="columnheader">{t('board.rank')}</span>
            <span role="columnheader">{t('board.team')}</span>
            {showDivision && (
              <span role="columnheader" className={classes.optional}>
                {t('board.division')}
              </span>
            )}
            <span role="columnheader" className={classes.number}>
              {t('board.score')}
            </span>
            {/* A custom scorer's other keys, named as its author wrote them. */}
            {columns.map((key) => (
              <span key={key} role="columnheader" className={`${classes.number} ${classes.optional}`}>
                {key}
              </span>
            ))}
            <span role="columnheader" className={classes.optional}>
              {t('board.lastScored')}
            </span>
          </div>
        </div>
        <div ref={scrollRef} role="rowgroup" className={classes.scroller} style={{ maxHeight: height }} tabIndex={0} aria-label={t('board.rowsLabel')}>
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {items.map((item) => {
              const row = rowAt(item.index);
              const mine = row !== undefined && row.teamId === myTeamId;
              return (
                <div
                  key={item.key}
                  role="row"
                  aria-rowindex={item.index + 2}
                  aria-current={mine ? 'true' : undefined}
                  className={`${classes.row} ${template} ${mine ? classes.mine : ''}`}
                  style={{ height: rowHeight, transform: `translateY(${item.start}px)` }}
                >
                  <span role="cell" className={classes.rank}>
                    {row?.rank ?? '…'}
                  </span>
                  <span role="cell" className={classes.team}>
                    {/* Team names are user-written: rendered as text by React, never as markup. */}
                    <span className={classes.name}>{row?.teamName ?? ''}</span>
                    {mine && (
                      <Badge size={large ? 'lg' : 'sm'} ml="xs" variant="filled">
                        {t('board.yourTeam')}
                      </Badge>
                    )}
                    {row?.banned && (
                      <Badge size="sm" ml="xs" color="red">
                        {t('board.banned')}
                      </Badge>
                    )}
                  </span>
                  {showDivision && (
                    <span role="cell" className={classes.optional}>
                      {row?.division ?? ''}
                    </span>
                  )}
                  <span role="cell" className={classes.number}>
                    {row ? formatScore(row.score, i18n.language) : ''}
                  </span>
                  {columns.map((key) => (
                    <span key={key} role="cell" className={`${classes.number} ${classes.optional}`}>
                      {row?.scores?.[key] !== undefined ? formatScore(row.scores[key], i18n.language) : ''}
                    </span>
                  ))}
                  <span role="cell" className={classes.optional}>
                    {row?.lastScoredAt ? (
                      <time dateTime={row.lastScoredAt}>{new Date(row.lastScoredAt).toLocaleTimeString(i18n.language, { hour: '2-digit', minute: '2-digit' })}</time>
                    ) : (
                      ''
                    )}
                  </span>
                </div>
              );
            })}
          </div>
        </div>
      </div>
      <Box className={classes.srOnly} aria-live="polite">
        {myRank !== undefined ? t('board.yourRank', { rank: myRank }) : ''}
      </Box>
    </>
  );
}
