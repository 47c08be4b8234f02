import './ops.i18n';
import { Alert, Button, Card, Group, Stack, Tabs, Text, Textarea, TextInput, Title } from '@mantine/core';
import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrors } from '../../api/client';
import { Markdown } from '../../components/markdown';
import { useAnnouncements } from '../events/events.queries';
import { AnnouncementCard } from './announcement.card';
import { useConsoleEvent } from './console.layout';
import { usePostAnnouncement } from './ops.queries';

const FIELDS = ['title', 'body'] as const;

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
  const errors = post.isError ? fieldErrors(post.error, FIELDS) : { byField: {} as Record<string, string>, rest: [] };

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
          <TextInput
            label={t('consoleOps.announcements.titleField')}
            value={title}
            onChange={(change) => setTitle(change.currentTarget.value)}
            required
            maxLength={200}
            error={errors.byField.title}
          />
          <Tabs value={tab} onChange={setTab}>
            <Tabs.List aria-label={t('consoleOps.announcements.body')}>
              <Tabs.Tab value="write">{t('consoleOps.announcements.write')}</Tabs.Tab>
              <Tabs.Tab value="preview">{t('consoleOps.announcements.preview')}</Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="write" pt="xs">
              <Textarea
                label={t('consoleOps.announcements.body')}
                description={t('consoleOps.announcements.markdown')}
                value={body}
                onChange={(change) => setBody(change.currentTarget.value)}
                required
                autosize
                minRows={4}
                maxLength={20_000}
                error={errors.byField.body}
              />
            </Tabs.Panel>
            <Tabs.Panel value="preview" pt="xs">
              <Card withBorder>{body.trim() ? <Markdown>{body}</Markdown> : <Text c="dimmed">{t('consoleOps.announcements.nothing')}</Text>}</Card>
            </Tabs.Panel>
          </Tabs>
          {errors.rest.length > 0 && (
            <Alert color="red" role="alert">
              {errors.rest.join(' ')}
            </Alert>
          )}
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
