import './ctf-console.i18n';
import { Alert, Anchor, Badge, Button, Divider, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageLoader } from '../../../components/page-loader';
import { useChallenges } from '../../ctf/challenges.queries';
import { useConsoleEvent } from '../console.layout';
import { ChallengeImportPanel } from './challenge-import.panel';

/** `/events/<slug>/manage/challenges`: every challenge of the event (hidden ones too), a new one, and ctfcli import. */
export function ChallengesConsolePage() {
  const { t } = useTranslation();
  const event = useConsoleEvent();
  const challenges = useChallenges(event.slug);
  const base = `/events/${encodeURIComponent(event.slug)}/manage/challenges`;
  if (event.kind !== 'ctf') {
    return (
      <Stack>
        <Title order={2}>{t('ctfConsole.list.title')}</Title>
        <Alert color="blue">{t('ctfConsole.list.notCtf')}</Alert>
      </Stack>
    );
  }
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('ctfConsole.list.title')}</Title>
        <Button component={Link} to={`${base}/new`}>
          {t('ctfConsole.list.new')}
        </Button>
      </Group>
      {challenges.isPending && <PageLoader />}
      {challenges.isError && (
        <Alert color="red" role="alert">
          {t('errors.loadFailed')}
        </Alert>
      )}
      {challenges.isSuccess &&
        (challenges.data.length === 0 ? (
          <Text c="dimmed">{t('ctfConsole.list.none')}</Text>
        ) : (
          <Table.ScrollContainer minWidth={560}>
            <Table striped highlightOnHover aria-label={t('ctfConsole.list.title')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('ctfConsole.list.name')}</Table.Th>
                  <Table.Th>{t('ctfConsole.list.category')}</Table.Th>
                  <Table.Th>{t('ctfConsole.list.value')}</Table.Th>
                  <Table.Th>{t('ctfConsole.list.solves')}</Table.Th>
                  <Table.Th>{t('ctfConsole.list.state')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {challenges.data.map((challenge) => (
                  <Table.Tr key={challenge.id}>
                    {/* Names and categories are organiser-written (or imported) text: rendered as text, inert. */}
                    <Table.Td style={{ overflowWrap: 'anywhere' }}>
                      <Anchor component={Link} to={`${base}/${challenge.id}`}>
                        {challenge.name}
                      </Anchor>
                    </Table.Td>
                    <Table.Td style={{ overflowWrap: 'anywhere' }}>{challenge.category}</Table.Td>
                    <Table.Td>{challenge.value}</Table.Td>
                    <Table.Td>{challenge.solves}</Table.Td>
                    <Table.Td>
                      <Badge color={challenge.state === 'hidden' ? 'gray' : 'green'} variant="light">
                        {t(`ctfConsole.states.${challenge.state ?? 'visible'}`)}
                      </Badge>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        ))}
      <Divider />
      <ChallengeImportPanel slug={event.slug} />
    </Stack>
  );
}
