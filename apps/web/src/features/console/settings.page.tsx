import { Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useConsoleEvent } from './console.layout';
import { useUpdateEvent } from './console.queries';
import { EventForm } from './event.form';

/** `/events/<slug>/manage/settings`: every setting of the event, in one form. */
export function SettingsPage() {
  const { t } = useTranslation();
  const event = useConsoleEvent();
  const update = useUpdateEvent(event.slug);
  const navigate = useNavigate();
  return (
    <Stack>
      <Title order={2}>{t('console.settings.title')}</Title>
      <EventForm
        key={event.id}
        event={event}
        pending={update.isPending}
        error={update.error}
        saved={update.isSuccess}
        onSubmit={(body) =>
          update.mutate(body, {
            // A new slug is a new address: the console follows it.
            onSuccess: (saved) => {
              if (saved.slug !== event.slug) void navigate(`/events/${encodeURIComponent(saved.slug)}/manage/settings`, { replace: true });
            },
          })
        }
      />
    </Stack>
  );
}
