import { Button, Card, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSignedIn } from '../auth/auth.queries';
import type { ArenaEvent } from '../events/events.queries';
import { RegistrationStatusBadge } from './registration-status.badge';
import { useMyRegistration, useMyTeam } from './teams.queries';

/** The event page's "your participation": register, then create or open the team. */
export function ParticipationPanel({ event }: { event: ArenaEvent }) {
  const { t } = useTranslation();
  const signedIn = useSignedIn();
  const registration = useMyRegistration(event.slug, signedIn);
  const approved = registration.data?.status === 'approved';
  const team = useMyTeam(event.slug, signedIn && approved);
  const base = `/events/${encodeURIComponent(event.slug)}`;
  let body;
  if (!signedIn) {
    body = (
      <Button component={Link} to={`/sign-in?next=${encodeURIComponent(`${base}/register`)}`} variant="light">
        {t('registration.signInToRegister')}
      </Button>
    );
  } else if (registration.isPending) {
    body = <Text c="dimmed">{t('common.loading')}</Text>;
  } else if (!registration.data) {
    body = (
      <Button component={Link} to={`${base}/register`}>
        {t('registration.register')}
      </Button>
    );
  } else {
    body = (
      <Stack gap="xs">
        <Group gap="xs">
          <Text>{t('registration.statusLabel')}</Text>
          <RegistrationStatusBadge status={registration.data.status} />
          <Button component={Link} to={`${base}/register`} variant="subtle" size="compact-sm">
            {t('registration.details')}
          </Button>
        </Group>
        {approved && (
          <Group gap="xs">
            {team.data ? (
              <>
                <Text>{t('teams.yourTeam', { team: team.data.name })}</Text>
                <Button component={Link} to={`${base}/team`} size="compact-md">
                  {t('teams.openTeam')}
                </Button>
              </>
            ) : (
              team.data === null && (
                <Button component={Link} to={`${base}/team`}>
                  {t('teams.createTitle')}
                </Button>
              )
            )}
          </Group>
        )}
      </Stack>
    );
  }
  return (
    <Card withBorder component="section" aria-label={t('registration.participation')}>
      {body}
    </Card>
  );
}
