import './ops.i18n';
import { Alert, Badge, Button, Card, Group, Modal, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrors } from '../../api/client';
import { DateTime } from '../../components/date-time';
import { StreamBadge } from '../board/board-parts';
import { useConsoleEvent } from './console.layout';
import { TableScroll } from './table-scroll';
import { BoardView, ConsoleBoard, useConsoleBoard } from './console-board';
import { UpdateEventBody, useUpdateEvent } from './console.queries';
import { useReveal } from './ops.queries';

type Action = 'freeze' | 'unfreeze' | 'reveal';

function BoardPanel({ view, live }: { view: BoardView; live: ConsoleBoard }) {
  const { t } = useTranslation();
  const title = t(`consoleOps.board.views.${view}`);
  const headingId = `board-${view}-title`;
  return (
    <Card withBorder component="section" aria-labelledby={headingId}>
      <Group justify="space-between" mb="xs">
        <Title order={3} size="h4" id={headingId}>
          {title}
        </Title>
        <StreamBadge live={{ board: live.board, state: live.state, version: 0 }} />
      </Group>
      <Text size="sm" c="dimmed" mb="xs">
        {t(`consoleOps.board.viewHints.${view}`)}
      </Text>
      {live.board?.frozen && (
        <Badge color="blue" variant="light" mb="xs">
          {t('consoleOps.board.frozenBadge')}
        </Badge>
      )}
      {live.state === 'failed' && (
        <Alert color="yellow" role="alert">
          {t('errors.loadFailed')}
        </Alert>
      )}
      <TableScroll label={`${title}: ${t('board.rowsLabel')}`}>
        <Table miw={280} striped aria-label={title}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('board.rank')}</Table.Th>
              <Table.Th>{t('board.team')}</Table.Th>
              <Table.Th ta="right">{t('board.score')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {live.board?.rows.map((row) => (
              <Table.Tr key={row.teamId}>
                <Table.Td>{row.rank}</Table.Td>
                <Table.Td>{row.teamName}</Table.Td>
                <Table.Td ta="right">{row.score}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </TableScroll>
      {live.board && live.board.rows.length === 0 && <Text c="dimmed">{t('board.empty')}</Text>}
    </Card>
  );
}

/** `/events/<slug>/manage/board`: freeze now, cancel or reveal, with the live board beside the public one. */
export function FreezePage() {
  const { t } = useTranslation();
  const event = useConsoleEvent();
  const update = useUpdateEvent(event.slug);
  const reveal = useReveal(event.slug);
  const [confirming, setConfirming] = useState<Action | null>(null);
  const failed = update.error ?? reveal.error;
  const boards = { live: useConsoleBoard(event.slug, 'live'), public: useConsoleBoard(event.slug, 'public') };
  // Freezing again would move the freeze later and show the public what was scored meanwhile: offered only while the
  // API's board says it is not frozen.
  const frozen = boards.live.board?.frozen ?? true;

  const run = () => {
    // A PATCH of the one field (the document marks fields with defaults, listed and visibility, as required).
    if (confirming === 'freeze') update.mutate({ freezeAt: new Date().toISOString() } as UpdateEventBody);
    if (confirming === 'unfreeze') update.mutate({ freezeAt: null } as UpdateEventBody);
    if (confirming === 'reveal') reveal.mutate();
    setConfirming(null);
  };
  const ask = (action: Action) => {
    update.reset();
    reveal.reset();
    setConfirming(action);
  };

  return (
    <Stack>
      <Title order={2}>{t('consoleOps.board.title')}</Title>
      <Card withBorder>
        <Stack gap="xs" role="status">
          {event.revealedAt ? (
            <Text>
              {t('consoleOps.board.revealedAt')} <DateTime value={event.revealedAt} />
            </Text>
          ) : event.freezeAt ? (
            <Text>
              {t('consoleOps.board.freezeAt')} <DateTime value={event.freezeAt} />
            </Text>
          ) : (
            <Text>{t('consoleOps.board.noFreeze')}</Text>
          )}
          <Text size="sm" c="dimmed">
            {t('consoleOps.board.endsAt')} <DateTime value={event.endsAt} />
          </Text>
        </Stack>
        <Group mt="md" gap="xs">
          {!event.revealedAt && !frozen && (
            <Button color="blue" onClick={() => ask('freeze')} loading={update.isPending}>
              {t('consoleOps.board.actions.freeze')}
            </Button>
          )}
          {event.freezeAt && !event.revealedAt && (
            <>
              <Button variant="default" onClick={() => ask('unfreeze')} loading={update.isPending}>
                {t('consoleOps.board.actions.unfreeze')}
              </Button>
              <Button color="green" onClick={() => ask('reveal')} loading={reveal.isPending}>
                {t('consoleOps.board.actions.reveal')}
              </Button>
            </>
          )}
        </Group>
      </Card>
      {failed && (
        <Alert color="red" role="alert">
          {fieldErrors(failed, []).rest.join(' ') || t('errors.loadFailed')}
        </Alert>
      )}
      {(update.isSuccess || reveal.isSuccess) && (
        <Alert color="green" role="status">
          {t('consoleOps.board.done')}
        </Alert>
      )}
      <Modal
        opened={confirming !== null}
        onClose={() => setConfirming(null)}
        title={confirming ? t(`consoleOps.board.actions.${confirming}`) : ''}
        centered
        closeButtonProps={{ 'aria-label': t('teams.cancel') }}
      >
        <Text mb="md">{confirming ? t(`consoleOps.board.confirm.${confirming}`) : ''}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => setConfirming(null)}>
            {t('teams.cancel')}
          </Button>
          <Button onClick={run}>{t('consoleOps.board.confirmButton')}</Button>
        </Group>
      </Modal>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <BoardPanel view="live" live={boards.live} />
        <BoardPanel view="public" live={boards.public} />
      </SimpleGrid>
    </Stack>
  );
}
