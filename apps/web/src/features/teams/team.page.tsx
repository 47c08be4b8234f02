import { Alert, Anchor, Button, Container, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { PageLoader } from '../../components/page-loader';
import { useMe } from '../auth/auth.queries';
import { RequireSignIn } from '../auth/require-sign-in';
import { useEvent } from '../events/events.queries';
import { CreateTeamForm } from './create-team.form';
import { RegistrationStatusBadge } from './registration-status.badge';
import { TeamView } from './team.view';
import { useMyRegistration, useMyTeam } from './teams.queries';

function TeamContent({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const event = useEvent(slug);
  const me = useMe();
  const registration = useMyRegistration(slug);
  const team = useMyTeam(slug);
  if (event.isPending || me.isPending || registration.isPending || team.isPending) return <PageLoader />;
  if (event.isError || me.isError || registration.isError || team.isError) {
    return (
      <Alert color="red" role="alert">
        {t('errors.loadFailed')}
      </Alert>
    );
  }
  const eventPath = `/events/${encodeURIComponent(slug)}`;
  const back = (
    <Anchor component={Link} to={eventPath} size="sm">
      {event.data.title}
    </Anchor>
  );
  if (team.data) {
    return (
      <Stack>
        {back}
        <TeamView event={event.data} team={team.data} myId={me.data.id} />
      </Stack>
    );
  }
  const approved = registration.data?.status === 'approved';
  return (
    <Stack>
      {back}
      <Title order={1}>{t('teams.createTitle')}</Title>
      {approved ? (
        <>
          <Text>{t('teams.createHelp', { max: event.data.teams.maxSize })}</Text>
          <CreateTeamForm event={event.data} />
          <Text size="sm" c="dimmed">
            {t('teams.orJoin')}
          </Text>
        </>
      ) : registration.data ? (
        <Stack>
          <Text>
            {t('teams.needApproval')} <RegistrationStatusBadge status={registration.data.status} />
          </Text>
          <Anchor component={Link} to={`${eventPath}/register`}>
            {t('teams.seeRegistration')}
          </Anchor>
        </Stack>
      ) : (
        <Stack>
          <Text>{t('teams.needRegistration')}</Text>
          <Button component={Link} to={`${eventPath}/register`} style={{ alignSelf: 'flex-start' }}>
            {t('registration.register')}
          </Button>
        </Stack>
      )}
    </Stack>
  );
}

export function TeamPage() {
  const { slug = '' } = useParams();
  return (
    <RequireSignIn>
      <Container size="md" py="lg">
        <TeamContent slug={slug} />
      </Container>
    </RequireSignIn>
  );
}
