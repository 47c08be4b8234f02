import { Alert, Anchor, Button, Container, Group, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { PageLoader } from '../../components/page-loader';
import { RequireSignIn } from '../auth/require-sign-in';
import { safeNext } from '../auth/safe-next';
import { ArenaEvent, useEvent } from '../events/events.queries';
import { RegistrationForm } from './registration.form';
import { RegistrationStatusBadge } from './registration-status.badge';
import { errorMessage, Registration, statusOf, useEditAnswers, useMyRegistration, useRegister, useWithdraw } from './teams.queries';

function NewRegistration({ event, next }: { event: ArenaEvent; next: string | null }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const register = useRegister(event.slug);
  const refused = statusOf(register.error);
  return (
    <Stack>
      {event.registration.questions.length === 0 && <Text>{t('registration.noQuestions')}</Text>}
      {refused !== undefined && refused !== 400 && (
        <Alert color="red" role="alert">
          {errorMessage(register.error)}
        </Alert>
      )}
      <RegistrationForm
        questions={event.registration.questions}
        initial={{}}
        submitLabel={t('registration.submit')}
        pending={register.isPending}
        error={refused === 400 ? register.error : null}
        onSubmit={(answers) =>
          register.mutate(answers, {
            onSuccess: (registration) => {
              // Back to the invite link that sent the player here, once they may join.
              if (next && registration.status === 'approved') void navigate(safeNext(next), { replace: true });
            },
          })
        }
      />
    </Stack>
  );
}

function ExistingRegistration({ event, registration }: { event: ArenaEvent; registration: Registration }) {
  const { t } = useTranslation();
  const edit = useEditAnswers(event.slug);
  const withdraw = useWithdraw(event.slug);
  const editable = registration.status === 'pending' || registration.status === 'waitlisted';
  const slug = encodeURIComponent(event.slug);
  return (
    <Stack>
      <Group gap="sm">
        <Text fw={500}>{t('registration.statusLabel')}</Text>
        <RegistrationStatusBadge status={registration.status} />
      </Group>
      <Text>{t(`registration.explain.${registration.status}`)}</Text>
      {registration.status === 'approved' && (
        <Button component={Link} to={`/events/${slug}/team`} style={{ alignSelf: 'flex-start' }}>
          {t('registration.toTeam')}
        </Button>
      )}
      {event.registration.questions.length > 0 && (
        <section aria-labelledby="answers-title">
          <Title order={2} size="h3" id="answers-title" mb="sm">
            {t('registration.answers')}
          </Title>
          {editable ? (
            <RegistrationForm
              questions={event.registration.questions}
              initial={registration.answers}
              submitLabel={t('registration.saveAnswers')}
              pending={edit.isPending}
              error={edit.error}
              onSubmit={(answers) => edit.mutate(answers, { onSuccess: () => notifications.show({ color: 'green', message: t('registration.answersSaved') }) })}
            />
          ) : (
            <Stack gap="xs">
              {event.registration.questions.map((question) => (
                <Text key={question.id}>
                  <Text span fw={500}>
                    {question.label}
                  </Text>
                  : {typeof registration.answers[question.id] === 'string' ? (registration.answers[question.id] as string) : '—'}
                </Text>
              ))}
            </Stack>
          )}
        </section>
      )}
      {registration.status !== 'rejected' && (
        <div>
          {withdraw.isError && (
            <Alert color="red" role="alert" mb="sm">
              {errorMessage(withdraw.error)}
            </Alert>
          )}
          <Button variant="subtle" color="red" loading={withdraw.isPending} onClick={() => withdraw.mutate()}>
            {t('registration.withdraw')}
          </Button>
        </div>
      )}
    </Stack>
  );
}

function RegistrationContent({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const event = useEvent(slug);
  const registration = useMyRegistration(slug);
  if (event.isPending || registration.isPending) return <PageLoader />;
  if (event.isError || registration.isError) {
    return (
      <Alert color="red" role="alert">
        {t('errors.loadFailed')}
      </Alert>
    );
  }
  return (
    <Stack>
      <Anchor component={Link} to={`/events/${encodeURIComponent(slug)}`} size="sm">
        {event.data.title}
      </Anchor>
      <Title order={1}>{t('registration.title')}</Title>
      {registration.data ? <ExistingRegistration event={event.data} registration={registration.data} /> : <NewRegistration event={event.data} next={params.get('next')} />}
    </Stack>
  );
}

export function RegistrationPage() {
  const { slug = '' } = useParams();
  return (
    <RequireSignIn>
      <Container size="sm" py="lg">
        <RegistrationContent slug={slug} />
      </Container>
    </RequireSignIn>
  );
}
