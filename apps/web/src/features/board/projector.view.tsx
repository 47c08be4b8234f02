import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { RefObject, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { AdGrid } from '../ad/ad-grid';
import { useAdStatus } from '../ad/ad.queries';
import { ArenaEvent } from '../events/events.queries';
import { BoardFailure, FreezeBanner, StreamBadge, useBoardSelection } from './board-parts';
import { BoardTable } from './board-table';
import { useLiveBoard, useRecentSolves } from './board.queries';
import { SolvesTicker } from './solves-ticker';
import classes from './projector.module.css';

// The projector shows a screenful, waits, then moves on by one screen; at the end it waits and starts again.
const PAGE_DWELL_MS = 8000;

/** Pages through a long board on a timer; a board that fits, or a viewer who scrolls or focuses it, stops nothing else. */
function useAutoScroll(ref: RefObject<HTMLDivElement | null>): void {
  useEffect(() => {
    const timer = setInterval(() => {
      const element = ref.current;
      if (!element || element.scrollHeight <= element.clientHeight) return;
      const atEnd = element.scrollTop + element.clientHeight >= element.scrollHeight - 2;
      // A screen minus a row, so the last row of a page is seen again at the top of the next.
      element.scrollTo({ top: atEnd ? 0 : element.scrollTop + element.clientHeight - 64, behavior: atEnd ? 'auto' : 'smooth' });
    }, PAGE_DWELL_MS);
    return () => clearInterval(timer);
  }, [ref]);
}

/** An attack-defence game on the big screen: the service grid in large type, read again on every pushed version. */
function AdProjectorGrid({ event, version, scrollRef }: { event: ArenaEvent; version: number; scrollRef: RefObject<HTMLDivElement | null> }) {
  const { t } = useTranslation();
  const status = useAdStatus(event, version);
  if (!status.data) return null;
  return (
    <>
      <Text size="xl" fw={700} data-testid="ad-tick">
        {status.data.tick > 0 ? t('ad.grid.tick', { tick: status.data.tick }) : t('ad.grid.notStarted')}
      </Text>
      <div ref={scrollRef} className={classes.adGrid}>
        <AdGrid status={status.data} myTeamId={null} large />
      </div>
    </>
  );
}

/**
 * Projector mode (`?projector`) for the big screen in the hall: the board over the whole window in large type,
 * paging itself through long boards. Built to run all day: the stream replaces the board in place, and every list it
 * keeps is bounded.
 */
export function ProjectorView({ event }: { event: ArenaEvent }) {
  const { t } = useTranslation();
  const [selection] = useBoardSelection();
  const live = useLiveBoard(event.slug, selection);
  const solves = useRecentSolves(event.slug, live.version, event.kind === 'ctf');
  const scrollRef = useRef<HTMLDivElement>(null);
  const root = useRef<HTMLDivElement>(null);
  useAutoScroll(scrollRef);
  const boardLink = `/events/${encodeURIComponent(event.slug)}/board${selection.division ? `?division=${encodeURIComponent(selection.division)}` : ''}`;

  return (
    <div ref={root} className={classes.projector} role="region" aria-label={t('board.projectorLabel')}>
      <Stack gap="sm" h="100%">
        <Group justify="space-between">
          <Title order={1} className={classes.title}>
            {event.title}
            {selection.division ? ` · ${selection.division}` : ''}
          </Title>
          <Group gap="xs">
            <StreamBadge live={live} size="xl" />
            <Button variant="default" onClick={() => void root.current?.requestFullscreen?.().catch(() => undefined)}>
              {t('board.fullScreen')}
            </Button>
            <Button component={Link} to={boardLink} variant="default">
              {t('board.exitProjector')}
            </Button>
          </Group>
        </Group>
        <FreezeBanner event={event} board={live.board} large />
        <div className={classes.board}>
          {live.state === 'failed' ? (
            <BoardFailure live={live} />
          ) : event.kind === 'ad' ? (
            <AdProjectorGrid event={event} version={live.version} scrollRef={scrollRef} />
          ) : (
            live.board && (
              <BoardTable
                slug={event.slug}
                selection={selection}
                board={live.board}
                version={live.version}
                myTeamId={null}
                showDivision={event.divisions.length > 0 && !selection.division}
                large
                scrollRef={scrollRef}
                height="100%"
              />
            )
          )}
        </div>
        {event.kind === 'ctf' && <SolvesTicker solves={solves.data ?? []} />}
      </Stack>
    </div>
  );
}
