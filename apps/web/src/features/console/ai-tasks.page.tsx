import './console-ai.i18n';
import { Alert, Anchor, Button, FileInput, Group, List, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DateTime } from '../../components/date-time';
import { PageLoader } from '../../components/page-loader';
import { useTasks } from '../ai/ai.queries';
import { UploadRefusal, useImportBundle } from './ai-tasks.queries';
import { useConsoleEvent } from './console.layout';

/** A CodaLab or Codabench bundle: what it made, or every problem of the API's 400. */
function ImportForm({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [name, setName] = useState('');
  const importing = useImportBundle(slug);
  const refusal = importing.error instanceof UploadRefusal ? importing.error : null;
  const problems = refusal ? [refusal.body?.message ?? refusal.message].flat() : [];
  const submit = (formEvent: FormEvent) => {
    formEvent.preventDefault();
    if (!file) return;
    const form = new FormData();
    if (name.trim()) form.append('name', name.trim());
    form.append('file', file, file.name);
    importing.mutate(form);
  };
  return (
    <form onSubmit={submit} noValidate aria-labelledby="import-title">
      <Stack gap="sm">
        <Title order={3} id="import-title">
          {t('consoleAi.import.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('consoleAi.import.help')}
        </Text>
        <Group align="flex-end" wrap="wrap">
          <FileInput label={t('consoleAi.import.file')} accept=".zip,application/zip" value={file} onChange={setFile} required style={{ flex: '1 1 14rem' }} />
          <TextInput
            label={t('consoleAi.import.name')}
            description={t('consoleAi.import.nameHint')}
            value={name}
            onChange={(change) => setName(change.currentTarget.value)}
            maxLength={128}
          />
          <Button type="submit" loading={importing.isPending} disabled={!file}>
            {t('consoleAi.import.submit')}
          </Button>
        </Group>
        {importing.isSuccess && (
          <Alert color="green" role="status" title={t('consoleAi.import.done', { format: importing.data.format, count: importing.data.tasks.length })}>
            <List size="sm">
              {importing.data.tasks.map((task) => (
                <List.Item key={task.id}>{task.name}</List.Item>
              ))}
              {importing.data.warnings.map((warning, index) => (
                <List.Item key={`w${index}`}>{t('consoleAi.import.warning', { warning })}</List.Item>
              ))}
            </List>
          </Alert>
        )}
        {importing.isError && (
          <Alert color="red" role="alert" title={t('consoleAi.import.refused', { count: problems.length })}>
            <List size="sm" aria-label={t('consoleAi.import.problems')}>
              {problems.map((problem, index) => (
                <List.Item key={index}>{problem}</List.Item>
              ))}
            </List>
          </Alert>
        )}
      </Stack>
    </form>
  );
}

/** `/events/<slug>/manage/tasks`: the event's AI tasks, a new one, and bundle import. */
export function AiTasksPage() {
  const { t } = useTranslation();
  const event = useConsoleEvent();
  const tasks = useTasks(event.slug);
  const base = `/events/${encodeURIComponent(event.slug)}/manage/tasks`;
  return (
    <Stack gap="lg">
      <Group justify="space-between">
        <Title order={2}>{t('consoleAi.tasks.title')}</Title>
        <Button component={Link} to={`${base}/new`}>
          {t('consoleAi.tasks.new')}
        </Button>
      </Group>
      {tasks.isPending ? (
        <PageLoader />
      ) : tasks.isError ? (
        <Alert color="red" role="alert">
          {t('errors.loadFailed')}
        </Alert>
      ) : tasks.data.length === 0 ? (
        <Text c="dimmed">{t('consoleAi.tasks.none')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={520}>
          <Table striped aria-label={t('consoleAi.tasks.title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('consoleAi.form.name')}</Table.Th>
                <Table.Th>{t('consoleAi.form.metric')}</Table.Th>
                <Table.Th>{t('consoleAi.form.submissionType')}</Table.Th>
                <Table.Th>{t('consoleAi.tasks.rows')}</Table.Th>
                <Table.Th>{t('consoleAi.tasks.deadline')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {tasks.data.map((task) => (
                <Table.Tr key={task.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`${base}/${task.id}`}>
                      {task.name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{t(`consoleAi.metrics.${task.metric}`)}</Table.Td>
                  <Table.Td>{t(`consoleAi.types.${task.submissionType}`)}</Table.Td>
                  <Table.Td>{task.rows}</Table.Td>
                  <Table.Td>
                    <DateTime value={task.deadline} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <ImportForm slug={event.slug} />
    </Stack>
  );
}
