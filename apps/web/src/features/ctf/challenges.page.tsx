import { Alert, Anchor, Badge, Button, Card, Container, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../api/client';
import { PageLoader } from '../../components/page-loader';
import { RequireSignIn } from '../auth/require-sign-in';
import { useEventStream } from '../events/event-stream';
import { ChallengeModal } from './challenge.modal';
import { Challenge, challengesKey, useChallenges } from './challenges.queries';

const boardPath = (slug: string) => `/events/${encodeURIComponent(slug)}/challenges`;

function ChallengeCard({ slug, challenge }: { slug: string; challenge: Challenge }) {
  const { t } = useTranslation();
  const titleId = `challenge-${challenge.id}`;
  return (
    <Card withBorder component="li" aria-labelledby={titleId} style={challenge.solvedByMe ? { borderColor: 'var(--mantine-color-green-7)', borderWidth: 2 } : undefined}>
      <Stack gap={4} h="100%" justify="space-between">
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Text fw={600} id={titleId} style={{ overflowWrap: 'anywhere' }}>
            {challenge.name}
          </Text>
          <Text fw={700} style={{ whiteSpace: 'nowrap' }}>
            {t('ctf.points', { value: challenge.value })}
          </Text>
        </Group>
        <Group gap="xs">
          <Text size="sm" c="dimmed">
            {t('ctf.solves', { count: challenge.solves })}
          </Text>
          {challenge.solvedByMe && <Badge color="green">{t('ctf.solved')}</Badge>}
          {challenge.firstBlood && (
            <Badge color="red" variant="light" style={{ textTransform: 'none', maxWidth: '100%' }}>
              {t('ctf.firstBlood', { team: challenge.firstBlood.teamName })}
            </Badge>
          )}
        </Group>
        <Button component={Link} to={`${boardPath(slug)}/${challenge.id}`} variant="light" size="xs" aria-label={t('ctf.open', { name: challenge.name })}>
          {t('ctf.openShort')}
        </Button>
      </Stack>
    </Card>
  );
}

function byCategory(challenges: Challenge[]): [string, Challenge[]][] {
  const groups = new Map<string, Challenge[]>();
  for (const challenge of challenges) groups.set(challenge.category, [...(groups.get(challenge.category) ?? []), challenge]);
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([category, list]) => [category, list.sort((a, b) => a.value - b.value || a.name.localeCompare(b.name))]);
}

/** Other teams' solves change solve counts, values and first bloods: read the list again, spread over a moment. */
function useLiveBoard(slug: string) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEventStream(slug, {
    onBoardChanged: () => {
      if (pending.current) return;
      // A jitter, so that a solve does not make every open board ask at the same instant.
      pending.current = setTimeout(
        () => {
          pending.current = null;
          void queryClient.invalidateQueries({ queryKey: challengesKey(slug) });
        },
        200 + Math.random() * 800,
      );
    },
    onResumed: () => void queryClient.invalidateQueries({ queryKey: challengesKey(slug) }),
    onAnnouncement: (announcement) => notifications.show({ title: t('ctf.newAnnouncement'), message: announcement.title, autoClose: 15_000 }),
  });
}

function Board({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const { challengeId } = useParams();
  const navigate = useNavigate();
  const challenges = useChallenges(slug);
  useLiveBoard(slug);
  if (challenges.isPending) return <PageLoader />;
  if (challenges.isError) {
    const status = (challenges.error as unknown as ApiError).statusCode;
    return (
      <Alert color="yellow">
        {status === 403 ? t('ctf.needTeam') : status === 404 ? t('ctf.noBoard') : t('errors.loadFailed')}{' '}
        <Anchor component={Link} to={`/events/${encodeURIComponent(slug)}`}>
          {t('ctf.toEvent')}
        </Anchor>
      </Alert>
    );
  }
  const solved = challenges.data.filter((challenge) => challenge.solvedByMe).length;
  return (
    <Stack gap="lg">
      <Text c="dimmed">{t('ctf.progress', { solved, total: challenges.data.length })}</Text>
      {challenges.data.length === 0 && <Text>{t('ctf.empty')}</Text>}
      {byCategory(challenges.data).map(([category, list], index) => (
        <section key={category} aria-labelledby={`category-${index}`}>
          <Title order={2} size="h3" mb="sm" id={`category-${index}`}>
            {category}
          </Title>
          <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {list.map((challenge) => (
              <ChallengeCard key={challenge.id} slug={slug} challenge={challenge} />
            ))}
          </SimpleGrid>
        </section>
      ))}
      {challengeId && <ChallengeModal slug={slug} challenge={challenges.data.find((challenge) => challenge.id === challengeId)} onClose={() => void navigate(boardPath(slug))} />}
    </Stack>
  );
}

export function ChallengesPage() {
  const { t } = useTranslation();
  const { slug = '' } = useParams();
  return (
    <RequireSignIn>
      <Container size="lg" px={0}>
        <Stack>
          <Group justify="space-between" align="baseline">
            <Title order={1}>{t('ctf.title')}</Title>
            <Anchor component={Link} to={`/events/${encodeURIComponent(slug)}`}>
              {t('ctf.toEvent')}
            </Anchor>
          </Group>
          <Board slug={slug} />
        </Stack>
      </Container>
    </RequireSignIn>
  );
}
