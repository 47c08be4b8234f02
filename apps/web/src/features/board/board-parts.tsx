import { Alert, Badge } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { DateTime } from '../../components/date-time';
import { ArenaEvent } from '../events/events.queries';
import { Board, BoardSelection, LiveBoard } from './board.queries';

export function FreezeBanner({ event, board, large = false }: { event: ArenaEvent; board: Board | null; large?: boolean }) {
  const { t } = useTranslation();
  if (!board?.frozen) return null;
  return (
    <Alert color="blue" title={t('board.frozenTitle')} role="status" styles={large ? { title: { fontSize: '1.75rem' }, message: { fontSize: '1.25rem' } } : undefined}>
      {event.freezeAt ? (
        <>
          {t('board.frozenSince')} <DateTime value={event.freezeAt} />. {t('board.frozenReveal')}
        </>
      ) : (
        t('board.frozenReveal')
      )}
    </Alert>
  );
}

export function StreamBadge({ live, size = 'md' }: { live: LiveBoard; size?: 'md' | 'xl' }) {
  const { t } = useTranslation();
  const colour = { connecting: 'gray', live: 'green', reconnecting: 'orange', failed: 'red' }[live.state];
  return (
    <Badge color={colour} variant="dot" size={size} role="status">
      {t(`board.state.${live.state}`)}
    </Badge>
  );
}

export function BoardFailure({ live }: { live: LiveBoard }) {
  const { t } = useTranslation();
  return (
    <Alert color="yellow" role="alert">
      {live.failedStatus === 404 ? t('board.notVisible') : live.failedStatus === 403 ? t('board.forbidden') : t('errors.loadFailed')}
    </Alert>
  );
}

export function useBoardSelection(): [BoardSelection, (next: BoardSelection) => void] {
  const [params, setParams] = useSearchParams();
  const division = params.get('division') ?? undefined;
  const task = params.get('task') ?? undefined;
  const selection = useMemo(() => ({ division, task }), [division, task]);
  const select = (next: BoardSelection) =>
    setParams(
      (previous) => {
        const updated = new URLSearchParams(previous);
        for (const key of ['division', 'task'] as const) {
          const value = next[key];
          if (value) updated.set(key, value);
          else updated.delete(key);
        }
        return updated;
      },
      { replace: true },
    );
  return [selection, select];
}
