import './console-ctf-ops.i18n';
import { Alert, Button, Card, Group, Modal, Stack, Text } from '@mantine/core';
import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrors } from '../../api/client';
import { DateTime } from '../../components/date-time';
import { Markdown } from '../../components/markdown';
import type { Announcement } from '../events/events.queries';
import { AnnouncementFields, announcementErrors } from './announcement-fields';
import { useDeleteAnnouncement, useEditAnnouncement } from './ops.queries';

/** The edit form in place of the card: title, markdown body with its preview; the API's 400s next to their fields. */
function AnnouncementEditor({ slug, announcement, onDone }: { slug: string; announcement: Announcement; onDone: (saved: boolean) => void }) {
  const { t } = useTranslation();
  const edit = useEditAnnouncement(slug);
  const [title, setTitle] = useState(announcement.title);
  const [body, setBody] = useState(announcement.body);
  const [tab, setTab] = useState<string | null>('write');
  const errors = announcementErrors(edit.isError, edit.error);
  const formId = `announcement-edit-${announcement.id}`;

  const submit = (change: FormEvent) => {
    change.preventDefault();
    edit.mutate({ id: announcement.id, body: { title, body } }, { onSuccess: () => onDone(true) });
  };

  return (
    <form onSubmit={submit} aria-labelledby={formId}>
      <Stack gap="sm">
        <Text fw={600} id={formId}>
          {t('consoleCtfOps.announcements.editing', { title: announcement.title })}
        </Text>
        <AnnouncementFields title={title} onTitle={setTitle} body={body} onBody={setBody} tab={tab} onTab={setTab} errors={errors} />
        <Group>
          <Button type="submit" loading={edit.isPending}>
            {t('consoleCtfOps.announcements.save')}
          </Button>
          <Button variant="default" onClick={() => onDone(false)}>
            {t('consoleCtfOps.announcements.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** One posted announcement in the console: shown as players see it, edited in place, deleted after a confirmation. */
export function AnnouncementCard({ slug, announcement, onDeleted }: { slug: string; announcement: Announcement; onDeleted: () => void }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const remove = useDeleteAnnouncement(slug);

  return (
    <Card withBorder component="article" aria-label={announcement.title}>
      {editing ? (
        <AnnouncementEditor
          slug={slug}
          announcement={announcement}
          onDone={(done) => {
            setEditing(false);
            setSaved(done);
          }}
        />
      ) : (
        <>
          <Group justify="space-between" align="flex-start" gap="xs">
            <div>
              <Text fw={600}>{announcement.title}</Text>
              <Text size="xs" c="dimmed" mb="xs">
                <DateTime value={announcement.createdAt} />
              </Text>
            </div>
            <Group gap="xs">
              <Button
                size="xs"
                variant="default"
                onClick={() => {
                  setSaved(false);
                  setEditing(true);
                }}
                aria-label={t('consoleCtfOps.announcements.editLabel', { title: announcement.title })}
              >
                {t('consoleCtfOps.announcements.edit')}
              </Button>
              <Button
                size="xs"
                variant="light"
                color="red"
                onClick={() => {
                  remove.reset();
                  setConfirming(true);
                }}
                aria-label={t('consoleCtfOps.announcements.deleteLabel', { title: announcement.title })}
              >
                {t('consoleCtfOps.announcements.delete')}
              </Button>
            </Group>
          </Group>
          <Markdown>{announcement.body}</Markdown>
          {saved && (
            <Alert color="green" role="status" mt="xs">
              {t('consoleCtfOps.announcements.saved')}
            </Alert>
          )}
          {remove.isError && (
            <Alert color="red" role="alert" mt="xs">
              {fieldErrors(remove.error, []).rest.join(' ') || t('errors.loadFailed')}
            </Alert>
          )}
        </>
      )}
      <Modal
        opened={confirming}
        onClose={() => setConfirming(false)}
        title={t('consoleCtfOps.announcements.confirmTitle')}
        centered
        closeButtonProps={{ 'aria-label': t('consoleCtfOps.keep') }}
      >
        <Text mb="md">{t('consoleCtfOps.announcements.confirmDelete', { title: announcement.title })}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => setConfirming(false)}>
            {t('consoleCtfOps.keep')}
          </Button>
          <Button
            color="red"
            loading={remove.isPending}
            onClick={() => {
              // Resolved even after the card left the list (the refetch removes it before mutate's callbacks would run).
              void remove.mutateAsync(announcement.id).then(onDeleted, () => setConfirming(false));
            }}
          >
            {t('consoleCtfOps.announcements.delete')}
          </Button>
        </Group>
      </Modal>
    </Card>
  );
}
