import './ops.i18n';
import { Alert, Button, Group, Stack, Text, Title } from '@mantine/core';
import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAnnouncements } from '../events/events.queries';
import { AnnouncementCard } from './announcement.card';
import { AnnouncementFields, announcementErrors } from './announcement-fields';
import { useConsoleEvent } from './console.layout';
import { usePostAnnouncement } from './ops.queries';

/**
 * `/events/<slug>/manage/announcements`: post an announcement (players with the event open see it at once) and the list,
 * each edited in place or deleted (pushed to open pages too).
 */
export function AnnouncementsPage() {
  const { t } = useTranslation();
  const event = useConsoleEvent();
  const announcements = useAnnouncements(event.slug);
  const post = usePostAnnouncement(event.slug);
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [tab, setTab] = useState<string | null>('write');
  const [deleted, setDeleted] = useState(false);
  const errors = announcementErrors(post.isError, post.error);

  const submit = (change: FormEvent) => {
    change.preventDefault();
    post.mutate(
      { title, body },
      {
        onSuccess: () => {
          setTitle('');
          setBody('');
          setTab('write');
        },
      },
    );
  };

  return (
    <Stack>
      <Title order={2}>{t('consoleOps.announcements.title')}</Title>
      <Text c="dimmed" size="sm">
        {t('consoleOps.announcements.intro')}
      </Text>
      <form onSubmit={submit} aria-labelledby="announcement-form-title">
        <Stack gap="sm">
          <Title order={3} id="announcement-form-title" size="h4">
            {t('consoleOps.announcements.new')}
          </Title>
          <AnnouncementFields title={title} onTitle={setTitle} body={body} onBody={setBody} tab={tab} onTab={setTab} errors={errors} />
          {post.isSuccess && (
            <Alert color="green" role="status">
              {t('consoleOps.announcements.posted')}
            </Alert>
          )}
          <Group>
            <Button type="submit" loading={post.isPending}>
              {t('consoleOps.announcements.post')}
            </Button>
          </Group>
        </Stack>
      </form>
      <section aria-labelledby="announcement-list-title">
        <Title order={3} size="h4" id="announcement-list-title" mb="sm">
          {t('consoleOps.announcements.list')}
        </Title>
        {announcements.isError && (
          <Alert color="red" role="alert">
            {t('errors.loadFailed')}
          </Alert>
        )}
        {announcements.isSuccess && announcements.data.length === 0 && <Text c="dimmed">{t('consoleOps.announcements.none')}</Text>}
        <Stack gap="sm">
          {deleted && (
            <Alert color="green" role="status">
              {t('consoleCtfOps.announcements.deleted')}
            </Alert>
          )}
          {announcements.data?.map((announcement) => (
            <AnnouncementCard key={announcement.id} slug={event.slug} announcement={announcement} onDeleted={() => setDeleted(true)} />
          ))}
        </Stack>
      </section>
    </Stack>
  );
}
