import './console-ai.i18n';
import './ai-task-edit.i18n';
import { Alert, Anchor, Badge, Group, Paper, SimpleGrid, Stack, Tabs, Text, Title } from '@mantine/core';
import { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { DateTime } from '../../components/date-time';
import { formatBytes } from '../../components/format-bytes';
import { Markdown } from '../../components/markdown';
import { PageLoader } from '../../components/page-loader';
import { Task, useTask } from '../ai/ai.queries';
import { AiSubmissionsTable } from './ai-submissions.table';
import { useConsoleEvent } from './console.layout';
import { PrivateBoardTable } from './private-board.table';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm">{children}</Text>
    </div>
  );
}

/** What the task was set up with, as the API answers it. */
function TaskFacts({ task }: { task: Task }) {
  const { t, i18n } = useTranslation();
  const none = t('consoleAi.task.none');
  const limits = task.limits ? Object.entries(task.limits).map(([key, value]) => `${t(`consoleAi.form.limits.${key}`)}: ${String(value)}`) : [];
  return (
    <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }}>
      <Fact label={t('consoleAi.form.metric')}>
        {t(`consoleAi.metrics.${task.metric}`)} ({task.higherIsBetter ? t('ai.task.higherIsBetter') : t('ai.task.lowerIsBetter')})
      </Fact>
      <Fact label={t('consoleAi.task.columns')}>{`${task.idColumn}, ${task.targetColumn}`}</Fact>
      <Fact label={t('consoleAi.tasks.rows')}>{task.rows}</Fact>
      <Fact label={t('consoleAi.form.submissionType')}>{t(`consoleAi.types.${task.submissionType}`)}</Fact>
      <Fact label={t('consoleAi.form.maxDailySubmissions')}>{task.maxDailySubmissions ?? none}</Fact>
      <Fact label={t('consoleAi.form.maxSubmissions')}>{task.maxSubmissions ?? none}</Fact>
      <Fact label={t('consoleAi.task.maxFile')}>{formatBytes(task.maxFileBytes, i18n.language)}</Fact>
      <Fact label={t('consoleAi.form.opensAt')}>{task.opensAt ? <DateTime value={task.opensAt} /> : t('consoleAi.task.eventStart')}</Fact>
      <Fact label={t('consoleAi.tasks.deadline')}>
        <DateTime value={task.deadline} />
      </Fact>
      <Fact label={t('consoleAi.form.runtime')}>{task.runtime}</Fact>
      <Fact label={t('consoleAi.form.scorerLayout')}>{t(`consoleAi.layouts.${task.scorerLayout}`)}</Fact>
      <Fact label={t('consoleAi.task.limits')}>{limits.length ? limits.join(', ') : t('consoleAi.task.defaultLimits')}</Fact>
    </SimpleGrid>
  );
}

/** `/events/<slug>/manage/tasks/<id>`: one task's setup, every team's submissions and its private board. */
export function AiTaskManagePage() {
  const { t } = useTranslation();
  const event = useConsoleEvent();
  const { taskId = '' } = useParams();
  const task = useTask(event.slug, taskId);
  const base = `/events/${encodeURIComponent(event.slug)}/manage/tasks`;
  if (task.isPending) return <PageLoader />;
  if (task.isError)
    return (
      <Alert color="red" role="alert">
        {(task.error as { statusCode?: number }).statusCode === 404 ? t('consoleAi.task.notFound') : t('errors.loadFailed')}
      </Alert>
    );
  return (
    <Stack gap="lg">
      <Anchor component={Link} to={base} size="sm">
        {t('consoleAi.tasks.back')}
      </Anchor>
      <Group gap="sm">
        <Title order={2}>{task.data.name}</Title>
        <Badge variant="outline">{t(`consoleAi.metrics.${task.data.metric}`)}</Badge>
        <Anchor component={Link} to={`${base}/${encodeURIComponent(task.data.id)}/edit`} size="sm">
          {t('aiEdit.edit')}
        </Anchor>
      </Group>
      <TaskFacts task={task.data} />
      <Tabs defaultValue="submissions">
        <Tabs.List>
          <Tabs.Tab value="submissions">{t('consoleAi.submissions.title')}</Tabs.Tab>
          <Tabs.Tab value="board">{t('consoleAi.board.title')}</Tabs.Tab>
          <Tabs.Tab value="description">{t('consoleAi.form.description')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="submissions" pt="md">
          <AiSubmissionsTable slug={event.slug} taskId={task.data.id} />
        </Tabs.Panel>
        <Tabs.Panel value="board" pt="md">
          <Stack gap="sm">
            <Text size="sm" c="dimmed">
              {t('consoleAi.board.help')}
            </Text>
            <PrivateBoardTable slug={event.slug} taskId={task.data.id} />
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="description" pt="md">
          <Paper withBorder p="md">
            {task.data.description ? <Markdown>{task.data.description}</Markdown> : <Text c="dimmed">{t('ai.task.noDescription')}</Text>}
          </Paper>
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
