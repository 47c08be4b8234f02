import './console-ai.i18n';
import { Anchor, Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { toTaskForm } from './ai-task-form.values';
import { AiTaskForm } from './ai-task.form';
import { UploadRefusal, useCreateTask } from './ai-tasks.queries';
import { useConsoleEvent } from './console.layout';

/** `/events/<slug>/manage/tasks/new`: a new AI task; once created, its page. */
export function NewAiTaskPage() {
  const { t } = useTranslation();
  const event = useConsoleEvent();
  const create = useCreateTask(event.slug);
  const navigate = useNavigate();
  const base = `/events/${encodeURIComponent(event.slug)}/manage/tasks`;
  const error = create.error;
  const messages = error instanceof UploadRefusal ? (error.body?.message ?? error.message) : error ? t('errors.loadFailed') : undefined;
  return (
    <Stack>
      <Anchor component={Link} to={base} size="sm">
        {t('consoleAi.tasks.back')}
      </Anchor>
      <Title order={2}>{t('consoleAi.form.title')}</Title>
      <AiTaskForm
        pending={create.isPending}
        messages={messages}
        onSubmit={(values) => create.mutate(toTaskForm(values), { onSuccess: (task) => void navigate(`${base}/${task.id}`) })}
      />
    </Stack>
  );
}
