import { Badge, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNow } from '../../components/use-now';
import { countdown, eventPhase } from './event-status';

const COLOURS = { upcoming: 'blue', running: 'green', ended: 'gray' } as const;

export function EventStatusBadge({ event }: { event: { startsAt: string; endsAt: string } }) {
  const { t } = useTranslation();
  const now = useNow();
  const phase = eventPhase(event, now);
  return (
    <Group gap="xs" wrap="nowrap">
      <Badge color={COLOURS[phase]} variant="light">
        {t(`events.status.${phase}`)}
      </Badge>
      {phase !== 'ended' && (
        <Text size="sm" c="dimmed" aria-live="off">
          {t(phase === 'upcoming' ? 'events.startsIn' : 'events.endsIn', { time: countdown(phase === 'upcoming' ? event.startsAt : event.endsAt, now) })}
        </Text>
      )}
    </Group>
  );
}
