import './judging.i18n';
import { Alert, Anchor, Badge, Button, Card, Container, Group, List, Progress, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { PageLoader } from '../../components/page-loader';
import { RequireSignIn } from '../auth/require-sign-in';
import { Assignment, JudgedEvent, useAssignments, useMyJudging } from './judging.queries';

/** Unscored first (the work left), then by project name. */
export function sortAssignments(list: Assignment[], language: string): Assignment[] {
  const collator = new Intl.Collator(language, { sensitivity: 'base', numeric: true });
  return [...list].sort((a, b) => Number(a.scored) - Number(b.scored) || collator.compare(a.title, b.title));
}

export const projectJudgingPath = (slug: string, projectId: string) => `/events/${encodeURIComponent(slug)}/judging/projects/${encodeURIComponent(projectId)}`;
export const pairwisePath = (slug: string) => `/events/${encodeURIComponent(slug)}/judging/pairwise`;

function RubricAssignments({ event }: { event: JudgedEvent }) {
  const { t, i18n } = useTranslation();
  const assignments = useAssignments(event.slug);
  if (assignments.isPending) return <PageLoader />;
  if (assignments.isError) return <Alert color="red">{t('errors.loadFailed')}</Alert>;
  const list = sortAssignments(assignments.data, i18n.language);
  const scored = list.filter((assignment) => assignment.scored).length;
  if (list.length === 0) return <Text c="dimmed">{t('judging.list.none')}</Text>;
  return (
    <Stack gap="sm">
      <Text fw={500}>{t('judging.list.progress', { scored, total: list.length })}</Text>
      {/* The sentence above says it; the bar is decoration. */}
      <Progress value={(100 * scored) / list.length} aria-hidden />
      <List spacing="xs" listStyleType="none" aria-label={t('judging.list.assignments', { event: event.title })}>
        {list.map((assignment) => (
          <List.Item key={assignment.id}>
            <Group gap="xs" wrap="nowrap">
              <Badge color={assignment.scored ? 'green' : 'gray'} variant="light" miw={90}>
                {assignment.scored ? t('judging.list.scored') : t('judging.list.toScore')}
              </Badge>
              <Anchor component={Link} to={projectJudgingPath(event.slug, assignment.projectId)} style={{ overflowWrap: 'anywhere' }}>
                {assignment.title}
              </Anchor>
            </Group>
          </List.Item>
        ))}
      </List>
    </Stack>
  );
}

function JudgedEventCard({ event }: { event: JudgedEvent }) {
  const { t } = useTranslation();
  const titleId = `judged-${event.slug}`;
  return (
    <Card withBorder component="section" aria-labelledby={titleId}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap">
          <Title order={2} size="h3" id={titleId} style={{ overflowWrap: 'anywhere' }}>
            {event.title}
          </Title>
          <Group gap="xs">
            <Badge variant="outline">{t(`judging.mode.${event.mode}`)}</Badge>
            {event.judgingClosed && <Badge color="gray">{t('judging.closedBadge')}</Badge>}
          </Group>
        </Group>
        {event.judgingClosed && <Text size="sm">{t('judging.closedNotice')}</Text>}
        {event.mode === 'rubric' ? (
          <RubricAssignments event={event} />
        ) : (
          <Group>
            <Button component={Link} to={pairwisePath(event.slug)} disabled={event.judgingClosed}>
              {t('judging.pairwise.start')}
            </Button>
          </Group>
        )}
      </Stack>
    </Card>
  );
}

function JudgedEvents() {
  const { t } = useTranslation();
  const events = useMyJudging();
  if (events.isPending) return <PageLoader />;
  if (events.isError) return <Alert color="red">{t('errors.loadFailed')}</Alert>;
  if (events.data.length === 0) return <Alert color="yellow">{t('judging.notJudge')}</Alert>;
  return (
    <Stack gap="lg">
      {events.data.map((event) => (
        <JudgedEventCard key={event.slug} event={event} />
      ))}
    </Stack>
  );
}

/** The judges' panel: every hackathon the viewer judges, with their assignments and progress. */
export function JudgingPage() {
  const { t } = useTranslation();
  const location = useLocation();
  const recused = (location.state as { recusedFrom?: string } | null)?.recusedFrom;
  return (
    <RequireSignIn>
      <Container size="md">
        <Stack>
          <Title order={1}>{t('judging.title')}</Title>
          {recused !== undefined && (
            <Alert color="blue" role="status">
              {t('judging.recusal.done', { title: recused })}
            </Alert>
          )}
          <JudgedEvents />
        </Stack>
      </Container>
    </RequireSignIn>
  );
}
