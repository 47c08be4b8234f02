import { Alert, Container, Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { PageLoader } from '../../components/page-loader';
import { useMe } from '../auth/auth.queries';
import { RequireSignIn } from '../auth/require-sign-in';
import { canCreateEvents, useCreateEvent } from './console.queries';
import { EventForm } from './event.form';

function NewEvent() {
  const { t } = useTranslation();
  const me = useMe();
  const create = useCreateEvent();
  const navigate = useNavigate();
  if (me.isPending) return <PageLoader />;
  return (
    <Container size="md">
      <Stack>
        <Title order={1}>{t('console.create.title')}</Title>
        {canCreateEvents(me.data?.role) ? (
          <EventForm
            pending={create.isPending}
            error={create.error}
            saved={false}
            onSubmit={(body, kind) => create.mutate({ ...body, kind }, { onSuccess: (event) => void navigate(`/events/${encodeURIComponent(event.slug)}/manage/settings`) })}
          />
        ) : (
          <Alert color="red" role="alert" title={t('console.notAllowedTitle')}>
            {t('console.create.notAllowed')}
          </Alert>
        )}
      </Stack>
    </Container>
  );
}

export function NewEventPage() {
  return (
    <RequireSignIn>
      <NewEvent />
    </RequireSignIn>
  );
}
