import { Alert, Anchor, Button, Card, Container, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { PageLoader } from '../../components/page-loader';
import { useSignedIn } from '../auth/auth.queries';
import { useEvent } from '../events/events.queries';
import { RegistrationStatusBadge } from './registration-status.badge';
import { errorMessage, Invite, useInvite, useJoinTeam, useMyRegistration, useMyTeam, useRegister } from './teams.queries';

/** A signed-in teammate: registers when the event asks nothing, then joins; the API decides whether they may. */
function JoinAction({ code, invite }: { code: string; invite: Invite }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const slug = invite.eventSlug;
  const event = useEvent(slug);
  const registration = useMyRegistration(slug);
  const team = useMyTeam(slug);
  const register = useRegister(slug);
  const join = useJoinTeam(slug);
  if (event.isPending || registration.isPending || team.isPending) return <PageLoader />;
  if (event.isError || registration.isError || team.isError) {
    return (
      <Alert color="red" role="alert">
        {t('errors.loadFailed')}
      </Alert>
    );
  }
  const teamPath = `/events/${encodeURIComponent(slug)}/team`;
  const here = `/join/${encodeURIComponent(code)}`;
  if (team.data) {
    return (
      <Stack>
        <Text>{team.data.inviteCode === code ? t('teams.join.alreadyHere') : t('teams.join.inAnother', { team: team.data.name })}</Text>
        <Button component={Link} to={teamPath} style={{ alignSelf: 'flex-start' }}>
          {t('teams.join.openTeam')}
        </Button>
      </Stack>
    );
  }
  const status = registration.data?.status;
  if (status && status !== 'approved') {
    return (
      <Stack>
        <Group gap="xs">
          <Text>{t('teams.join.notApproved')}</Text>
          <RegistrationStatusBadge status={status} />
        </Group>
        <Anchor component={Link} to={`/events/${encodeURIComponent(slug)}/register`}>
          {t('teams.seeRegistration')}
        </Anchor>
      </Stack>
    );
  }
  // The event's form comes first; the registration page sends the player back here once approved.
  if (!status && event.data.registration.questions.length > 0) {
    return (
      <Stack>
        <Text>{t('teams.join.registerFirst')}</Text>
        <Button component={Link} to={`/events/${encodeURIComponent(slug)}/register?next=${encodeURIComponent(here)}`} style={{ alignSelf: 'flex-start' }}>
          {t('registration.register')}
        </Button>
      </Stack>
    );
  }
  const joinNow = async () => {
    if (!status) {
      const made = await register.mutateAsync({}).catch(() => null);
      if (made?.status !== 'approved') return;
    }
    join.mutate(code, { onSuccess: () => void navigate(teamPath) });
  };
  const failure = join.error ?? register.error;
  return (
    <Stack>
      {failure && (
        <Alert color="red" role="alert">
          {errorMessage(failure)}
        </Alert>
      )}
      {!status && <Text size="sm">{t('teams.join.willRegister')}</Text>}
      <Button onClick={() => void joinNow()} loading={register.isPending || join.isPending} style={{ alignSelf: 'flex-start' }}>
        {t('teams.join.button', { team: invite.teamName })}
      </Button>
    </Stack>
  );
}

export function JoinPage() {
  const { t } = useTranslation();
  const { code = '' } = useParams();
  const signedIn = useSignedIn();
  const invite = useInvite(code);
  const here = encodeURIComponent(`/join/${encodeURIComponent(code)}`);
  return (
    <Container size="sm" py="lg">
      <Stack>
        <Title order={1}>{t('teams.join.title')}</Title>
        {invite.isPending ? (
          <PageLoader />
        ) : invite.isError ? (
          <Alert color="red" role="alert">
            {(invite.error as { statusCode?: number }).statusCode === 429
              ? t('teams.join.tooMany', { seconds: (invite.error as { retryAfter?: number }).retryAfter ?? 60 })
              : (invite.error as { statusCode?: number }).statusCode === 404
                ? t('teams.join.invalid')
                : t('errors.loadFailed')}
          </Alert>
        ) : (
          <Card withBorder>
            <Stack>
              {/* Plain text: a team name with markup stays inert. */}
              <Text size="lg">{t('teams.join.invited', { team: invite.data.teamName, event: invite.data.eventTitle })}</Text>
              {signedIn ? (
                <JoinAction code={code} invite={invite.data} />
              ) : (
                <Stack>
                  <Text>{t('teams.join.signUpFirst')}</Text>
                  <Group>
                    <Button component={Link} to={`/sign-up?next=${here}`}>
                      {t('teams.join.signUp')}
                    </Button>
                    <Button component={Link} to={`/sign-in?next=${here}`} variant="default">
                      {t('teams.join.signIn')}
                    </Button>
                  </Group>
                </Stack>
              )}
            </Stack>
          </Card>
        )}
      </Stack>
    </Container>
  );
}
