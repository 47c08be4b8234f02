import { Alert, Anchor, Button, Container, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/client';
import { PageLoader } from '../../components/page-loader';
import { RequireSignIn } from '../auth/require-sign-in';
import { ArenaEvent, useEvent } from '../events/events.queries';
import { useMyTeam } from '../teams/teams.queries';
import { useAttackInfo } from './ad.queries';
import { AttackInfoTable } from './attack-info.table';
import { FlagsForm } from './flags.form';
import { TeamTokenPanel } from './team-token.panel';

function AttackSection({ event, myTeamId }: { event: ArenaEvent; myTeamId: string }) {
  const { t } = useTranslation();
  const info = useAttackInfo(event, true);
  return (
    <section aria-labelledby="attack-title">
      <Group justify="space-between" mb="xs">
        <Title order={2} id="attack-title">
          {t('ad.attack.title')}
        </Title>
        {info.data && <Text size="sm">{t('ad.grid.tick', { tick: info.data.tick })}</Text>}
      </Group>
      <Text size="sm" c="dimmed" mb="xs">
        {t('ad.attack.help')}
      </Text>
      {info.data ? (
        <AttackInfoTable info={info.data} myTeamId={myTeamId} />
      ) : info.isError ? (
        <Alert color="yellow" role="alert">
          {[(info.error as unknown as ApiError).message ?? t('errors.loadFailed')].flat().join(' ')}
        </Alert>
      ) : (
        <PageLoader />
      )}
    </section>
  );
}

function TeamContent({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const event = useEvent(slug);
  const team = useMyTeam(slug);
  if (event.isPending || team.isPending) return <PageLoader />;
  if (event.isError || team.isError) {
    return (
      <Alert color="red" role="alert">
        {t('errors.loadFailed')}
      </Alert>
    );
  }
  const base = `/events/${encodeURIComponent(slug)}`;
  if (event.data.kind !== 'ad') {
    return (
      <Alert color="yellow" role="alert">
        {t('ad.notAd')}
      </Alert>
    );
  }
  if (!team.data) {
    return (
      <Stack>
        <Title order={1}>{t('ad.team.title', { event: event.data.title })}</Title>
        <Alert color="yellow" role="alert">
          {t('ad.team.noTeam')}{' '}
          <Anchor component={Link} to={`${base}/team`}>
            {t('teams.openTeam')}
          </Anchor>
        </Alert>
      </Stack>
    );
  }
  return (
    <Stack gap="xl">
      <div>
        <Title order={1}>{t('ad.team.title', { event: event.data.title })}</Title>
        <Text c="dimmed">{t('teams.yourTeam', { team: team.data.name })}</Text>
        <Group gap="xs" mt="sm">
          <Button component={Link} to={base} variant="default">
            {t('board.backToEvent')}
          </Button>
          <Button component={Link} to={`${base}/board`} variant="light">
            {t('ad.grid.open')}
          </Button>
        </Group>
      </div>
      <section aria-labelledby="flags-title">
        <Title order={2} id="flags-title" mb="xs">
          {t('ad.flags.title')}
        </Title>
        <FlagsForm slug={slug} />
      </section>
      <AttackSection event={event.data} myTeamId={team.data.id} />
      <section aria-labelledby="token-title">
        <Title order={2} id="token-title" mb="xs">
          {t('ad.token.title')}
        </Title>
        <TeamTokenPanel slug={slug} teamId={team.data.id} />
      </section>
    </Stack>
  );
}

/** A team's attack-defence page: the flag box, attack info, and the token for the TCP submission. */
export function AdTeamPage() {
  const { slug = '' } = useParams();
  return (
    <RequireSignIn>
      <Container size="lg" px="xs">
        <TeamContent slug={slug} />
      </Container>
    </RequireSignIn>
  );
}
