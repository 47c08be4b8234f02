import { Alert, Badge, Button, Card, Container, Group, Modal, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { PageLoader } from '../../components/page-loader';
import { RequireSignIn } from '../auth/require-sign-in';
import { Challenge, useChallenges } from './challenges.queries';
import { FlagForm } from './flag.form';

function ChallengeCard({ challenge, onOpen }: { challenge: Challenge; onOpen: () => void }) {
  const { t } = useTranslation();
  return (
    <Card withBorder component="li" aria-labelledby={`challenge-${challenge.id}`}>
      <Stack gap={4}>
        <Group justify="space-between" wrap="nowrap">
          <Text fw={600} id={`challenge-${challenge.id}`}>
            {challenge.name}
          </Text>
          <Text fw={700}>{t('ctf.points', { value: challenge.value })}</Text>
        </Group>
        <Group gap="xs">
          <Text size="sm" c="dimmed">
            {t('ctf.solves', { count: challenge.solves })}
          </Text>
          {challenge.solvedByMe && <Badge color="green">{t('ctf.solved')}</Badge>}
          {challenge.firstBlood && <Badge color="red" variant="light">{t('ctf.firstBlood', { team: challenge.firstBlood.teamName })}</Badge>}
        </Group>
        <Button variant="light" size="xs" onClick={onOpen} aria-label={t('ctf.open', { name: challenge.name })}>
          {t('ctf.openShort')}
        </Button>
      </Stack>
    </Card>
  );
}

function Board({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const challenges = useChallenges(slug);
  const [openId, setOpenId] = useState<string | null>(null);
  if (challenges.isPending) return <PageLoader />;
  if (challenges.isError) {
    const status = (challenges.error as { statusCode?: number }).statusCode;
    return <Alert color="yellow">{status === 403 ? t('ctf.needTeam') : t('errors.loadFailed')}</Alert>;
  }
  const categories = [...new Set(challenges.data.map((challenge) => challenge.category))].sort();
  const open = challenges.data.find((challenge) => challenge.id === openId);
  return (
    <Stack gap="lg">
      {categories.map((category) => (
        <section key={category} aria-label={category}>
          <Title order={2} size="h3" mb="sm">
            {category}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} component="ul" style={{ listStyle: 'none', padding: 0 }}>
            {challenges.data
              .filter((challenge) => challenge.category === category)
              .map((challenge) => (
                <ChallengeCard key={challenge.id} challenge={challenge} onOpen={() => setOpenId(challenge.id)} />
              ))}
          </SimpleGrid>
        </section>
      ))}
      <Modal opened={open !== undefined} onClose={() => setOpenId(null)} title={open?.name} size="lg">
        {open && (
          <Stack>
            <Text fw={600}>{t('ctf.points', { value: open.value })}</Text>
            {/* Plain text until the markdown renderer lands: React escapes it. */}
            <Text style={{ whiteSpace: 'pre-wrap' }}>{open.description}</Text>
            {open.connectionInfo && <Text ff="monospace">{open.connectionInfo}</Text>}
            {open.attemptsLeft !== null && <Text size="sm">{t('ctf.attemptsLeft', { count: open.attemptsLeft })}</Text>}
            <FlagForm slug={slug} challengeId={open.id} />
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}

export function ChallengesPage() {
  const { t } = useTranslation();
  const { slug = '' } = useParams();
  return (
    <RequireSignIn>
      <Container size="lg">
        <Stack>
          <Title order={1}>{t('ctf.title')}</Title>
          <Board slug={slug} />
        </Stack>
      </Container>
    </RequireSignIn>
  );
}
