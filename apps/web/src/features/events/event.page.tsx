import { Alert, Badge, Button, Card, Container, Group, List, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { DateTime } from '../../components/date-time';
import { Markdown } from '../../components/markdown';
import { PageLoader } from '../../components/page-loader';
import { AdLinks } from '../ad/ad-links';
import { useMyEventRoles } from '../console/console.queries';
import { useMyJudging } from '../judging/judging.queries';
import { ParticipationPanel } from '../teams/participation.panel';
import { EventStatusBadge } from './event-status.badge';
import { useEventStream } from './event-stream';
import { Announcement, announcementsKey, ArenaEvent, useAnnouncements, useEvent } from './events.queries';

function timeline(event: ArenaEvent): { key: string; at: string }[] {
  const steps = [
    { key: 'registrationOpens', at: event.registration.opensAt },
    { key: 'registrationCloses', at: event.registration.closesAt },
    { key: 'starts', at: event.startsAt },
    { key: 'freezes', at: event.freezeAt },
    { key: 'ends', at: event.endsAt },
  ];
  return steps.filter((step): step is { key: string; at: string } => typeof step.at === 'string').sort((a, b) => a.at.localeCompare(b.at));
}

function Announcements({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const announcements = useAnnouncements(slug);
  const queryClient = useQueryClient();
  // New ones arrive over the event's stream and go on top, without a reload.
  useEventStream(slug, {
    onAnnouncement: (announcement) =>
      queryClient.setQueryData<Announcement[]>(announcementsKey(slug), (list = []) => [announcement, ...list.filter((item) => item.id !== announcement.id)]),
    // An edit replaces the text in place (one already gone stays gone); a deletion takes it off the list.
    onAnnouncementUpdated: (announcement) =>
      queryClient.setQueryData<Announcement[]>(announcementsKey(slug), (list) => list?.map((item) => (item.id === announcement.id ? announcement : item))),
    onAnnouncementDeleted: (id) => queryClient.setQueryData<Announcement[]>(announcementsKey(slug), (list) => list?.filter((item) => item.id !== id)),
    onResumed: () => void queryClient.invalidateQueries({ queryKey: announcementsKey(slug) }),
  });
  return (
    <section aria-labelledby="announcements-title">
      <Title order={2} id="announcements-title" mb="sm">
        {t('event.announcements')}
      </Title>
      {/* A live region: an announcement arriving while the page is open is read out. */}
      <div aria-live="polite">
        {announcements.data?.length ? (
          <Stack gap="sm">
            {announcements.data.map((announcement) => (
              <Card key={announcement.id} withBorder component="article">
                <Title order={3} size="h4">
                  {announcement.title}
                </Title>
                <Text size="xs" c="dimmed">
                  <DateTime value={announcement.createdAt} />
                </Text>
                <Markdown>{announcement.body}</Markdown>
              </Card>
            ))}
          </Stack>
        ) : (
          <Text c="dimmed">{t('event.noAnnouncements')}</Text>
        )}
      </div>
    </section>
  );
}

/** The way into the console, for the event's organisers only (the API says who they are). */
function ConsoleLink({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const roles = useMyEventRoles(slug);
  if (!roles.data?.organiser) return null;
  return (
    <Button component={Link} to={`/events/${encodeURIComponent(slug)}/manage`} mt="sm" ml="xs" variant="outline">
      {t('console.open')}
    </Button>
  );
}

export function EventPage() {
  const { t } = useTranslation();
  const { slug = '' } = useParams();
  const event = useEvent(slug);
  const judging = useMyJudging();
  const judges = judging.data?.some((judged) => judged.slug === slug) ?? false;
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
  const data = event.data;
  return (
    <Container size="md">
      <Stack gap="lg">
        <div>
          <Group gap="sm">
            <Title order={1}>{data.title}</Title>
            <Badge variant="outline">{t(`events.kind.${data.kind}`)}</Badge>
          </Group>
          <EventStatusBadge event={data} />
          {data.kind === 'ctf' && (
            <Button component={Link} to={`/events/${encodeURIComponent(data.slug)}/challenges`} mt="sm">
              {t('event.challenges')}
            </Button>
          )}
          {data.kind === 'ai' && (
            <Button component={Link} to={`/events/${encodeURIComponent(data.slug)}/tasks`} mt="sm">
              {t('ai.tasksTitle')}
            </Button>
          )}
          {data.kind === 'hackathon' && (
            <Button component={Link} to={`/events/${encodeURIComponent(data.slug)}/project`} mt="sm">
              {t('hackathon.title')}
            </Button>
          )}
          {data.kind === 'ad' && <AdLinks event={data} />}
          {judges && (
            <Button component={Link} to="/judging" mt="sm" ml="xs" variant="light">
              {t('nav.judging')}
            </Button>
          )}
          <Button component={Link} to={`/events/${encodeURIComponent(data.slug)}/board`} mt="sm" ml={data.kind === 'ad' ? undefined : 'xs'} variant="light">
            {data.kind === 'ad' ? t('ad.grid.open') : t('board.open')}
          </Button>
          <ConsoleLink slug={data.slug} />
        </div>
        <ParticipationPanel event={data} />
        <section aria-labelledby="rules-title">
          <Title order={2} id="rules-title" mb="sm">
            {t('event.rules')}
          </Title>
          {/* Plain text: React escapes it, so organiser-written HTML stays inert. */}
          <Text style={{ whiteSpace: 'pre-wrap' }}>{data.description || t('event.noRules')}</Text>
        </section>
        <section aria-labelledby="timeline-title">
          <Title order={2} id="timeline-title" mb="sm">
            {t('event.timeline')}
          </Title>
          <List spacing="xs">
            {timeline(data).map((step) => (
              <List.Item key={step.key}>
                <Text span fw={500}>
                  {t(`event.steps.${step.key}`)}
                </Text>
                : <DateTime value={step.at} />
              </List.Item>
            ))}
          </List>
        </section>
        <Announcements slug={slug} />
      </Stack>
    </Container>
  );
}
