import './admin.i18n';
import { Alert, Anchor, Badge, Pagination, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DateTime } from '../../components/date-time';
import { PageLoader } from '../../components/page-loader';
import { PAGE, useAllEvents } from './admin.queries';

/** `/admin/events`: every event on the platform, unlisted ones too, each with its console. */
export function AllEventsPage() {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const events = useAllEvents(page);
  return (
    <Stack gap="md">
      <Title order={2}>{t('admin.events.title')}</Title>
      {events.isPending ? (
        <PageLoader />
      ) : events.isError ? (
        <Alert color="red" role="alert">
          {t('errors.loadFailed')}
        </Alert>
      ) : events.data.items.length === 0 ? (
        <Text c="dimmed">{t('admin.events.none')}</Text>
      ) : (
        <>
          <Table.ScrollContainer minWidth={720}>
            <Table striped aria-label={t('admin.events.title')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('admin.events.event')}</Table.Th>
                  <Table.Th>{t('admin.events.kind')}</Table.Th>
                  <Table.Th>{t('admin.events.starts')}</Table.Th>
                  <Table.Th>{t('admin.events.ends')}</Table.Th>
                  <Table.Th>{t('admin.events.listing')}</Table.Th>
                  <Table.Th>{t('admin.events.console')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {events.data.items.map((event) => {
                  const base = `/events/${encodeURIComponent(event.slug)}`;
                  return (
                    <Table.Tr key={event.id}>
                      <Table.Td>
                        <Anchor component={Link} to={base}>
                          {event.title}
                        </Anchor>
                        <Text size="xs" c="dimmed">
                          {event.slug}
                        </Text>
                      </Table.Td>
                      <Table.Td>{t(`events.kind.${event.kind}`)}</Table.Td>
                      <Table.Td>
                        <DateTime value={event.startsAt} />
                      </Table.Td>
                      <Table.Td>
                        <DateTime value={event.endsAt} />
                      </Table.Td>
                      <Table.Td>
                        <Badge variant="light" color={event.listed ? 'green' : 'gray'}>
                          {event.listed ? t('admin.events.listed') : t('admin.events.unlisted')}
                        </Badge>
                      </Table.Td>
                      <Table.Td>
                        <Anchor component={Link} to={`${base}/manage`} aria-label={t('admin.events.consoleOf', { title: event.title })}>
                          {t('admin.events.open')}
                        </Anchor>
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {events.data.total > PAGE && (
            <Pagination
              total={Math.ceil(events.data.total / PAGE)}
              value={page}
              onChange={setPage}
              aria-label={t('admin.pages')}
              getControlProps={(control) => ({ 'aria-label': t(`console.registrations.pages.${control}`) })}
              getItemProps={(number) => ({ 'aria-label': t('console.registrations.pages.page', { number }) })}
            />
          )}
        </>
      )}
    </Stack>
  );
}
