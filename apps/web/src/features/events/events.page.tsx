import { Alert, Anchor, Badge, Button, Card, Container, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DateTime } from '../../components/date-time';
import { useMe } from '../auth/auth.queries';
import { canCreateEvents } from '../console/console.queries';
import { PageLoader } from '../../components/page-loader';
import { EventStatusBadge } from './event-status.badge';
import { useEvents } from './events.queries';

export function EventsPage() {
  const { t } = useTranslation();
  const events = useEvents();
  const me = useMe();
  const canCreate = canCreateEvents(me.data?.role);
  return (
    <Container size="lg">
      <Stack>
        <Group justify="space-between">
          <Title order={1}>{t('events.title')}</Title>
          {canCreate && (
            <Button component={Link} to="/events/new">
              {t('console.create.button')}
            </Button>
          )}
        </Group>
        {events.isPending && <PageLoader />}
        {events.isError && (
          <Alert color="red" role="alert">
            {t('errors.loadFailed')}
          </Alert>
        )}
        {events.data?.length === 0 && <Text>{t('events.none')}</Text>}
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} component="ul" style={{ listStyle: 'none', padding: 0 }}>
          {events.data?.map((event) => (
            <Card component="li" key={event.id} withBorder padding="md" aria-labelledby={`event-${event.id}`}>
              <Stack gap="xs">
                <Group justify="space-between" wrap="nowrap">
                  <Anchor component={Link} to={`/events/${encodeURIComponent(event.slug)}`} fw={600} id={`event-${event.id}`}>
                    {event.title}
                  </Anchor>
                  <Badge variant="outline">{t(`events.kind.${event.kind}`)}</Badge>
                </Group>
                <EventStatusBadge event={event} />
                <Text size="sm">
                  <DateTime value={event.startsAt} /> – <DateTime value={event.endsAt} />
                </Text>
              </Stack>
            </Card>
          ))}
        </SimpleGrid>
      </Stack>
    </Container>
  );
}
