import { Alert, Anchor, Badge, Card, Container, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { DateTime } from '../../components/date-time';
import { PageLoader } from '../../components/page-loader';
import { Markdown } from '../../components/markdown';
import { useNow } from '../../components/use-now';
import { useSignedIn } from '../auth/auth.queries';
import { Quota, Task, useQuota, useSubmissions, useTask } from './ai.queries';
import { useOwnSubmissionEvents } from './submission-stream';
import { SubmissionUploadForm } from './submission-upload.form';
import { SubmissionsTable } from './submissions.table';

function Countdown({ until }: { until: string }) {
  const { t } = useTranslation();
  const now = useNow();
  const seconds = Math.max(0, Math.floor((new Date(until).getTime() - now) / 1000));
  if (seconds === 0) return <Text span>{t('ai.task.closed')}</Text>;
  const days = Math.floor(seconds / 86_400);
  const hours = Math.floor((seconds % 86_400) / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  return <Text span>{days > 0 ? t('ai.task.leftDays', { days, hours }) : t('ai.task.leftHours', { hours, minutes })}</Text>;
}

function TaskFacts({ task }: { task: Task }) {
  const { t } = useTranslation();
  return (
    <Stack gap={4}>
      <Group gap="xs">
        <Badge variant="outline">{t('ai.task.metric', { metric: task.metric })}</Badge>
        <Badge variant="light">{task.higherIsBetter ? t('ai.task.higherIsBetter') : t('ai.task.lowerIsBetter')}</Badge>
      </Group>
      <Text>
        <Text span fw={500}>
          {t('ai.task.deadline')}
        </Text>
        : <DateTime value={task.deadline} /> (<Countdown until={task.deadline} />)
      </Text>
      <Text size="sm" c="dimmed">
        {t('ai.task.format', { columns: `${task.idColumn},${task.targetColumn}`, rows: task.rows })}
      </Text>
    </Stack>
  );
}

function QuotaLine({ quota }: { quota: Quota }) {
  const { t } = useTranslation();
  return (
    <Text role="status" aria-live="polite">
      {quota.leftToday === null || quota.leftToday === undefined
        ? t('ai.quota.unlimited')
        : quota.maxDailySubmissions !== null && quota.maxDailySubmissions !== undefined
          ? t('ai.quota.leftToday', { count: quota.leftToday, max: quota.maxDailySubmissions })
          : t('ai.quota.left', { count: quota.leftToday })}{' '}
      {quota.inFlight > 0 && t('ai.quota.inFlight', { count: quota.inFlight, max: quota.maxInFlight })}
    </Text>
  );
}

/** The team's part: quota, upload and submissions; 403 from the quota means the viewer is in no team. */
function TeamPanel({ slug, task }: { slug: string; task: Task }) {
  const { t } = useTranslation();
  const quota = useQuota(slug, task.id, true);
  const live = useOwnSubmissionEvents(slug, task.id, quota.isSuccess);
  const submissions = useSubmissions(slug, task.id, quota.isSuccess, live);
  if (quota.isPending) return <PageLoader />;
  if (!quota.data) {
    const status = (quota.error as { statusCode?: number }).statusCode;
    return <Alert color="yellow">{status === 403 ? t('ai.needTeam') : t('errors.loadFailed')}</Alert>;
  }
  return (
    <Stack gap="lg">
      <Card withBorder component="section" aria-labelledby="upload-title">
        <Stack gap="sm">
          <Title order={2} size="h3" id="upload-title">
            {t('ai.upload.title')}
          </Title>
          <QuotaLine quota={quota.data} />
          <Text size="xs" c="dimmed">
            {t('ai.quota.resets')} <DateTime value={quota.data.resetsAt} />
          </Text>
          <SubmissionUploadForm slug={slug} task={task} quota={quota.data} />
        </Stack>
      </Card>
      <section aria-labelledby="submissions-title">
        <Group justify="space-between" mb="sm">
          <Title order={2} size="h3" id="submissions-title">
            {t('ai.submissions.title')}
          </Title>
          <Badge variant="dot" color={live ? 'green' : 'gray'}>
            {live ? t('ai.live.on') : t('ai.live.off')}
          </Badge>
        </Group>
        {/* A failed re-read keeps what is shown (the stream may still be updating it). */}
        {submissions.data ? (
          <SubmissionsTable slug={slug} taskId={task.id} submissions={submissions.data} quota={quota.data} />
        ) : submissions.isError ? (
          <Alert color="red">{t('errors.loadFailed')}</Alert>
        ) : (
          <PageLoader />
        )}
      </section>
    </Stack>
  );
}

export function TaskPage() {
  const { t } = useTranslation();
  const { slug = '', taskId = '' } = useParams();
  const location = useLocation();
  const signedIn = useSignedIn();
  const task = useTask(slug, taskId);
  if (task.isPending) return <PageLoader />;
  if (task.isError) {
    return (
      <Container size="md">
        <Alert color="red" role="alert">
          {(task.error as { statusCode?: number }).statusCode === 404 ? t('ai.task.notFound') : t('errors.loadFailed')}
        </Alert>
      </Container>
    );
  }
  return (
    <Container size="md">
      <Stack gap="lg">
        <div>
          <Anchor component={Link} to={`/events/${encodeURIComponent(slug)}/tasks`} size="sm">
            {t('ai.backToTasks')}
          </Anchor>
          <Title order={1}>{task.data.name}</Title>
        </div>
        <TaskFacts task={task.data} />
        <section aria-labelledby="description-title">
          <Title order={2} size="h3" id="description-title" mb="xs">
            {t('ai.task.description')}
          </Title>
          {task.data.description ? <Markdown>{task.data.description}</Markdown> : <Text c="dimmed">{t('ai.task.noDescription')}</Text>}
        </section>
        {signedIn ? (
          <TeamPanel slug={slug} task={task.data} />
        ) : (
          <Alert color="blue">
            <Anchor component={Link} to={`/sign-in?next=${encodeURIComponent(location.pathname)}`}>
              {t('ai.signInToSubmit')}
            </Anchor>
          </Alert>
        )}
      </Stack>
    </Container>
  );
}
