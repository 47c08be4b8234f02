import './judging.i18n';
import { Alert, Anchor, Button, Card, Container, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';

import { PageLoader } from '../../components/page-loader';
import { RequireSignIn } from '../auth/require-sign-in';
import { apiErrorOf, PairProject, usePair, usePairAction } from './judging.queries';
import { ProjectSummary, ProjectTitle } from './project-summary';

function ProjectCard({ project, label, id }: { project: PairProject; label: string; id: string }) {
  return (
    <Card withBorder component="section" aria-labelledby={id} h="100%">
      <ProjectSummary
        project={project}
        heading={
          <div id={id}>
            <Text size="xs" tt="uppercase" fw={700} c="dimmed">
              {label}
            </Text>
            <ProjectTitle order={2}>{project.title}</ProjectTitle>
          </div>
        }
      />
    </Card>
  );
}

const errorKey = (code: string | undefined) =>
  code === 'nothing-to-undo'
    ? 'judging.pairwise.nothingToUndo'
    : code === 'judging-closed'
      ? 'judging.rubric.closed'
      : code === 'pair-mismatch'
        ? 'judging.pairwise.stale'
        : 'errors.loadFailed';

function Pairwise({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const pair = usePair(slug);
  const act = usePairAction(slug);
  if (pair.isPending) return <PageLoader />;
  if (pair.isError) {
    const error = apiErrorOf(pair.error);
    const message =
      error.statusCode === 403
        ? t('judging.noAccess')
        : error.code === 'judging-closed'
          ? t('judging.rubric.closed')
          : error.code === 'wrong-judging-mode'
            ? t('judging.pairwise.notPairwise')
            : t('errors.loadFailed');
    return (
      <Alert color="yellow" role="alert">
        {message}
      </Alert>
    );
  }
  const { prev, next } = pair.data;
  const busy = act.isPending;
  const undo = (
    <Button variant="default" onClick={() => act.mutate({ kind: 'undo' })} disabled={busy}>
      {t('judging.pairwise.undo')}
    </Button>
  );
  return (
    <Stack gap="md">
      {/* Read out after each vote, skip or undo: what happened, or why it was refused. */}
      <div aria-live="polite">
        {act.isError && (
          <Alert color="yellow" role="alert">
            {t(errorKey(apiErrorOf(act.error).code))}
          </Alert>
        )}
        {act.isSuccess && (
          <Text size="sm" c="dimmed">
            {t(`judging.pairwise.done.${act.variables.kind}`)}
          </Text>
        )}
      </div>
      {!prev ? (
        <Alert color="blue">{t('judging.pairwise.nothing')}</Alert>
      ) : !next ? (
        <Stack gap="sm">
          <Alert color="green">{t('judging.pairwise.finished')}</Alert>
          <Group>{undo}</Group>
        </Stack>
      ) : (
        <>
          <Text>{t('judging.pairwise.question')}</Text>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <ProjectCard project={next} label={t('judging.pairwise.thisOne')} id="pair-next" />
            <ProjectCard project={prev} label={t('judging.pairwise.thatOne')} id="pair-prev" />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
            <Button size="md" onClick={() => act.mutate({ kind: 'vote', winnerId: next.id, loserId: prev.id })} disabled={busy}>
              {t('judging.pairwise.pickThis')}
            </Button>
            <Button size="md" onClick={() => act.mutate({ kind: 'vote', winnerId: prev.id, loserId: next.id })} disabled={busy}>
              {t('judging.pairwise.pickThat')}
            </Button>
          </SimpleGrid>
          <Group gap="sm">
            <Button variant="light" onClick={() => act.mutate({ kind: 'skip' })} disabled={busy}>
              {t('judging.pairwise.skip')}
            </Button>
            {undo}
          </Group>
        </>
      )}
    </Stack>
  );
}

/** Gavel-style judging: the project in front of the judge against the one seen before it. */
export function PairwisePage() {
  const { t } = useTranslation();
  const { slug = '' } = useParams();
  return (
    <RequireSignIn>
      <Container size="lg" px={{ base: 0, xs: 'md' }}>
        <Stack>
          <div>
            <Anchor component={Link} to="/judging" size="sm">
              {t('judging.back')}
            </Anchor>
            <Title order={1}>{t('judging.pairwise.title')}</Title>
          </div>
          <Pairwise slug={slug} />
        </Stack>
      </Container>
    </RequireSignIn>
  );
}
