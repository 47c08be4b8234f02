import './console-ai.i18n';
import './ai-task-edit.i18n';
import { Alert, Anchor, Button, Checkbox, Fieldset, FileInput, Group, NativeSelect, NumberInput, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError, authFetch } from '../../api/client';
import type { components } from '../../api/schema';
import { PageLoader } from '../../components/page-loader';
import { Task, useTask } from '../ai/ai.queries';
import { METRICS, taskErrors } from './ai-task-form.values';
import { useConsoleEvent } from './console.layout';
import { browserTimeZone, isoToWallTime, timeZones, wallTimeToIso } from './zoned-time';

type EditedTask = components['schemas']['EditedTaskDto'];

interface EditValues {
  name: string;
  description: string;
  metric: Task['metric'];
  idColumn: string;
  targetColumn: string;
  maxDailySubmissions: number | string;
  maxSubmissions: number | string;
  timeZone: string;
  opensAt: string;
  closesAt: string;
  groundTruth: File | null;
  rescoreAll: boolean;
}

/** The form's values as PATCH takes them: every field sent (the API changes only what differs), empty ones clear. */
function toEditForm(values: EditValues): FormData {
  const form = new FormData();
  form.append('name', values.name.trim());
  form.append('description', values.description);
  form.append('metric', values.metric);
  form.append('idColumn', values.idColumn.trim());
  form.append('targetColumn', values.targetColumn.trim());
  form.append('maxDailySubmissions', String(values.maxDailySubmissions).trim());
  form.append('maxSubmissions', String(values.maxSubmissions).trim());
  for (const field of ['opensAt', 'closesAt'] as const) {
    form.append(field, values[field].trim() ? (wallTimeToIso(values[field], values.timeZone) ?? values[field]) : '');
  }
  if (values.rescoreAll) form.append('rescoreAll', 'true');
  if (values.groundTruth) form.append('groundTruth', values.groundTruth, values.groundTruth.name);
  return form;
}

/** PATCH /events/:slug/tasks/:id (multipart); the API's refusal thrown as it answered it. */
function useEditTask(slug: string, id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (form: FormData): Promise<EditedTask> => {
      const response = await authFetch(new Request(`/api/v1/events/${encodeURIComponent(slug)}/tasks/${encodeURIComponent(id)}`, { method: 'PATCH', body: form }));
      const body = (await response.json().catch(() => null)) as EditedTask | ApiError | null;
      if (!response.ok) throw (body as ApiError | null) ?? ({ statusCode: response.status } satisfies ApiError);
      return body as EditedTask;
    },
    onSuccess: () => queryClient.invalidateQueries({ predicate: (query) => query.queryKey[1] === slug }),
  });
}

function EditForm({ slug, task }: { slug: string; task: Task }) {
  const { t } = useTranslation();
  const edit = useEditTask(slug, task.id);
  const zones = useMemo(() => timeZones(), []);
  const [values, setValues] = useState<EditValues>(() => {
    const timeZone = browserTimeZone();
    return {
      name: task.name,
      description: task.description,
      metric: task.metric,
      idColumn: task.idColumn,
      targetColumn: task.targetColumn,
      maxDailySubmissions: task.maxDailySubmissions ?? '',
      maxSubmissions: task.maxSubmissions ?? '',
      timeZone,
      opensAt: isoToWallTime(task.opensAt, timeZone),
      closesAt: isoToWallTime(task.closesAt, timeZone),
      groundTruth: null,
      rescoreAll: false,
    };
  });
  const set =
    <K extends keyof EditValues>(field: K) =>
    (value: EditValues[K]) =>
      setValues((old) => ({ ...old, [field]: value }));
  const error = edit.error as ApiError | null;
  const { byField, rest } = taskErrors(error?.message);
  const needsRescore = error?.statusCode === 409 && /rescoreAll/.test([error.message ?? ''].flat().join(' '));
  const submit = (formEvent: FormEvent) => {
    formEvent.preventDefault();
    edit.mutate(toEditForm(values), { onSuccess: () => setValues((old) => ({ ...old, groundTruth: null, rescoreAll: false })) });
  };
  const time = (field: 'opensAt' | 'closesAt') => {
    const iso = wallTimeToIso(values[field], values.timeZone);
    return (
      <TextInput
        type="datetime-local"
        label={t(`consoleAi.form.${field}`)}
        value={values[field]}
        onChange={(change) => set(field)(change.currentTarget.value)}
        description={iso ? t('console.form.utcHint', { time: iso.slice(0, 16).replace('T', ' ') }) : t(`consoleAi.form.${field}Default`)}
        error={byField[field]}
      />
    );
  };
  return (
    <form onSubmit={submit} noValidate aria-label={t('aiEdit.title', { name: task.name })}>
      <Stack gap="lg">
        <Text size="sm" c="dimmed">
          {t('aiEdit.rules')}
        </Text>
        <Fieldset legend={t('consoleAi.form.basics')}>
          <Stack gap="sm">
            <TextInput label={t('consoleAi.form.name')} required value={values.name} onChange={(e) => set('name')(e.currentTarget.value)} error={byField.name} />
            <Textarea
              label={t('consoleAi.form.description')}
              autosize
              minRows={4}
              value={values.description}
              onChange={(e) => set('description')(e.currentTarget.value)}
              error={byField.description}
            />
          </Stack>
        </Fieldset>
        <Fieldset legend={t('consoleAi.form.scoring')}>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <NativeSelect
              label={t('consoleAi.form.metric')}
              value={values.metric}
              onChange={(e) => set('metric')(e.currentTarget.value as Task['metric'])}
              data={METRICS.map((metric) => ({ value: metric, label: t(`consoleAi.metrics.${metric}`) }))}
              error={byField.metric}
            />
            <TextInput label={t('consoleAi.form.idColumn')} value={values.idColumn} onChange={(e) => set('idColumn')(e.currentTarget.value)} error={byField.idColumn} />
            <TextInput
              label={t('consoleAi.form.targetColumn')}
              value={values.targetColumn}
              onChange={(e) => set('targetColumn')(e.currentTarget.value)}
              error={byField.targetColumn}
            />
          </SimpleGrid>
          <FileInput
            mt="sm"
            label={t('aiEdit.groundTruth')}
            description={t('aiEdit.groundTruthHint')}
            accept=".csv,text/csv"
            value={values.groundTruth}
            onChange={set('groundTruth')}
            error={byField.groundTruth}
          />
          <Checkbox
            mt="sm"
            label={t('aiEdit.rescoreAll')}
            description={t('aiEdit.rescoreAllHint')}
            checked={values.rescoreAll}
            onChange={(e) => set('rescoreAll')(e.currentTarget.checked)}
            error={needsRescore ? t('aiEdit.rescoreNeeded') : undefined}
          />
        </Fieldset>
        <Fieldset legend={t('consoleAi.form.submissions')}>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <NumberInput
              label={t('consoleAi.form.maxDailySubmissions')}
              description={t('consoleAi.form.noLimitHint')}
              min={1}
              allowDecimal={false}
              value={values.maxDailySubmissions}
              onChange={set('maxDailySubmissions')}
              error={byField.maxDailySubmissions}
            />
            <NumberInput
              label={t('consoleAi.form.maxSubmissions')}
              description={t('consoleAi.form.noLimitHint')}
              min={1}
              allowDecimal={false}
              value={values.maxSubmissions}
              onChange={set('maxSubmissions')}
              error={byField.maxSubmissions}
            />
          </SimpleGrid>
        </Fieldset>
        <Fieldset legend={t('consoleAi.form.window')}>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <NativeSelect label={t('console.form.timeZone')} value={values.timeZone} onChange={(e) => set('timeZone')(e.currentTarget.value)} data={zones} />
            {time('opensAt')}
            {time('closesAt')}
          </SimpleGrid>
        </Fieldset>
        {rest.length > 0 && (
          <Alert color="red" role="alert">
            {rest.join(' ')}
          </Alert>
        )}
        {edit.isError && !error?.message && (
          <Alert color="red" role="alert">
            {t('errors.loadFailed')}
          </Alert>
        )}
        {edit.isSuccess && (
          <Alert color="green" role="status">
            {edit.data.requeued > 0 ? t('aiEdit.savedRequeued', { count: edit.data.requeued }) : t('aiEdit.saved')}
          </Alert>
        )}
        <Group>
          <Button type="submit" loading={edit.isPending}>
            {t('aiEdit.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** `/events/<slug>/manage/tasks/<id>/edit`: a task's fields, its ground truth replaced, and a rescore of all when how it scores changes. */
export function AiTaskEditPage() {
  const { t } = useTranslation();
  const event = useConsoleEvent();
  const { taskId = '' } = useParams();
  const task = useTask(event.slug, taskId);
  const back = `/events/${encodeURIComponent(event.slug)}/manage/tasks/${encodeURIComponent(taskId)}`;
  if (task.isPending) return <PageLoader />;
  if (task.isError)
    return (
      <Alert color="red" role="alert">
        {(task.error as { statusCode?: number }).statusCode === 404 ? t('consoleAi.task.notFound') : t('errors.loadFailed')}
      </Alert>
    );
  return (
    <Stack>
      <Anchor component={Link} to={back} size="sm">
        {t('aiEdit.back')}
      </Anchor>
      <Title order={2}>{t('aiEdit.title', { name: task.data.name })}</Title>
      <EditForm key={task.data.id} slug={event.slug} task={task.data} />
    </Stack>
  );
}
