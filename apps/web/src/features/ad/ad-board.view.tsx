import { Alert, Button, Container, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../api/client';
import { PageLoader } from '../../components/page-loader';
import { BoardFailure, FreezeBanner, StreamBadge } from '../board/board-parts';
import { useLiveBoard, useMyTeamId } from '../board/board.queries';
import { ArenaEvent } from '../events/events.queries';
import { AdGrid } from './ad-grid';
import { useAdStatus } from './ad.queries';
import { AdLegend } from './ad-legend';

const NO_SELECTION = {};

/**
 * The attack-defence board: the service grid, read again whenever the leaderboard stream pushes a new version (every
 * tick moves the scores), with the stream's state and the freeze banner of every board.
 */
export function AdBoardView({ event }: { event: ArenaEvent }) {
  const { t } = useTranslation();
  const live = useLiveBoard(event.slug, NO_SELECTION);
  const myTeamId = useMyTeamId(event.slug);
  const status = useAdStatus(event, live.version);
  const base = `/events/${encodeURIComponent(event.slug)}`;
  const statusCode = (status.error as ApiError | null)?.statusCode;
  return (
    <Container size="xl" px="xs">
      <Stack gap="md">
        <Group justify="space-between" align="flex-start">
          <div>
            <Title order={1}>{t('ad.grid.title', { event: event.title })}</Title>
            <Group gap="xs" mt={4}>
              <StreamBadge live={live} />
              {status.data && (
                <Text size="sm" fw={700} data-testid="ad-tick">
                  {status.data.tick > 0 ? t('ad.grid.tick', { tick: status.data.tick }) : t('ad.grid.notStarted')}
                </Text>
              )}
            </Group>
          </div>
          <Group gap="xs">
            <Button component={Link} to={base} variant="default">
              {t('board.backToEvent')}
            </Button>
            <Button component={Link} to={`${base}/board?projector`} variant="light">
              {t('board.projector')}
            </Button>
          </Group>
        </Group>
        <FreezeBanner event={event} board={live.board} />
        {live.state === 'failed' ? (
          <BoardFailure live={live} />
        ) : status.data ? (
          <>
            <AdGrid status={status.data} myTeamId={myTeamId} />
            <AdLegend />
          </>
        ) : status.isError ? (
          <Alert color="yellow" role="alert">
            {statusCode === 404 ? t('board.notVisible') : t('errors.loadFailed')}
          </Alert>
        ) : (
          <PageLoader />
        )}
      </Stack>
    </Container>
  );
}
