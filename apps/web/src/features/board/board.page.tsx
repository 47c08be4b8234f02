import { Alert, Button, Container, Group, Stack, Tabs, Text, Title } from '@mantine/core';
import { lazy, Suspense, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { PageLoader } from '../../components/page-loader';
import { ArenaEvent, useEvent } from '../events/events.queries';
import { BoardTable } from './board-table';
import { BoardFailure, FreezeBanner, StreamBadge, useBoardSelection } from './board-parts';
import { Board, BoardSelection, useLiveBoard, useMyTeamId, useScoreHistory } from './board.queries';

// uPlot and its chart come with this chunk, only when a board shows a graph.
const ScoreGraph = lazy(() => import('./score-graph').then((m) => ({ default: m.ScoreGraph })));
// The attack-defence grid and the projector are chunks of their own: a jeopardy board's first rows wait for neither.
const AdBoardView = lazy(() => import('../ad/ad-board.view').then((m) => ({ default: m.AdBoardView })));
const ProjectorView = lazy(() => import('./projector.view').then((m) => ({ default: m.ProjectorView })));

function BoardTabs({ event, board, selection, onSelect }: { event: ArenaEvent; board: Board | null; selection: BoardSelection; onSelect: (next: BoardSelection) => void }) {
  const { t } = useTranslation();
  const tasks = board?.tasks ?? [];
  return (
    <Stack gap="xs">
      {tasks.length > 1 && (
        <Tabs value={selection.task ?? board?.taskId ?? null} onChange={(task) => onSelect({ ...selection, task: task ?? undefined })}>
          <Tabs.List aria-label={t('board.tasks')}>
            {tasks.map((task) => (
              <Tabs.Tab key={task.id} value={task.id}>
                {task.name}
              </Tabs.Tab>
            ))}
          </Tabs.List>
        </Tabs>
      )}
      {event.divisions.length > 0 && (
        <Tabs value={selection.division ?? ''} onChange={(division) => onSelect({ ...selection, division: division || undefined })}>
          <Tabs.List aria-label={t('board.divisions')}>
            <Tabs.Tab value="">{t('board.allDivisions')}</Tabs.Tab>
            {event.divisions.map((division) => (
              <Tabs.Tab key={division} value={division}>
                {division}
              </Tabs.Tab>
            ))}
          </Tabs.List>
        </Tabs>
      )}
    </Stack>
  );
}

export function ScoreHistory({ event, division, version, until, large = false }: { event: ArenaEvent; division?: string; version: number; until: string; large?: boolean }) {
  const { t } = useTranslation();
  const history = useScoreHistory(event.slug, division, version, true);
  if (!history.data?.length) return null;
  return (
    <section aria-labelledby="score-graph-title">
      <Title order={2} size={large ? 'h2' : 'h3'} id="score-graph-title" mb="xs">
        {t('board.graphTitle')}
      </Title>
      <Suspense fallback={<PageLoader />}>
        <ScoreGraph teams={history.data} from={event.startsAt} until={until} label={t('board.graphLabel')} height={large ? 360 : 280} />
      </Suspense>
    </section>
  );
}

function BoardView({ event }: { event: ArenaEvent }) {
  const { t } = useTranslation();
  const [selection, select] = useBoardSelection();
  const live = useLiveBoard(event.slug, selection);
  const myTeamId = useMyTeamId(event.slug);
  const scrollRef = useRef<HTMLDivElement>(null);
  const projectorLink = `/events/${encodeURIComponent(event.slug)}/board?${new URLSearchParams({ projector: '', ...(selection.division ? { division: selection.division } : {}) }).toString()}`;
  return (
    <Container size="lg">
      <Stack gap="md">
        <Group justify="space-between" align="flex-start">
          <div>
            <Title order={1}>{t('board.title', { event: event.title })}</Title>
            <Group gap="xs" mt={4}>
              <StreamBadge live={live} />
              {live.board && (
                <Text size="sm" c="dimmed">
                  {t('board.teams', { count: live.board.total })}
                </Text>
              )}
            </Group>
          </div>
          <Group gap="xs">
            <Button component={Link} to={`/events/${encodeURIComponent(event.slug)}`} variant="default">
              {t('board.backToEvent')}
            </Button>
            <Button component={Link} to={projectorLink} variant="light">
              {t('board.projector')}
            </Button>
          </Group>
        </Group>
        <FreezeBanner event={event} board={live.board} />
        <BoardTabs event={event} board={live.board} selection={selection} onSelect={select} />
        {live.state === 'failed' ? (
          <BoardFailure live={live} />
        ) : live.board ? (
          <BoardTable
            slug={event.slug}
            selection={selection}
            board={live.board}
            version={live.version}
            myTeamId={myTeamId}
            showDivision={event.divisions.length > 0 && !selection.division}
            scrollRef={scrollRef}
            height="min(70vh, 40rem)"
          />
        ) : (
          <PageLoader />
        )}
        {event.kind === 'ctf' && live.board && <ScoreHistory event={event} division={selection.division} version={live.version} until={live.board.updatedAt} />}
      </Stack>
    </Container>
  );
}

export function BoardPage() {
  const { t } = useTranslation();
  const { slug = '' } = useParams();
  const [params] = useSearchParams();
  const event = useEvent(slug);
  if (event.isPending) return <PageLoader />;
  if (event.isError) {
    return (
      <Container size="md">
        <Alert color="red" role="alert">
          {(event.error as { statusCode?: number }).statusCode === 404 ? t('event.notFound') : t('errors.loadFailed')}
        </Alert>
      </Container>
    );
  }
  if (event.data.kind !== 'ad' && !params.has('projector')) return <BoardView event={event.data} />;
  return <Suspense fallback={<PageLoader />}>{params.has('projector') ? <ProjectorView event={event.data} /> : <AdBoardView event={event.data} />}</Suspense>;
}
