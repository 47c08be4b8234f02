import { Alert, Button, FileInput, Group, Progress, Stack, Text } from '@mantine/core';
import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { answerMessage } from '../../api/upload';
import { formatBytes } from '../../components/format-bytes';
import { Quota, Task, useUploadSubmission } from './ai.queries';

type Outcome = { kind: 'accepted' } | { kind: 'refused'; status: number; message: string; retryAfter: number | null };

function OutcomeAlert({ outcome, maxFileBytes }: { outcome: Outcome; maxFileBytes: number }) {
  const { t, i18n } = useTranslation();
  if (outcome.kind === 'accepted')
    return (
      <Alert color="green" role="status">
        {t('ai.upload.accepted')}
      </Alert>
    );
  const text =
    outcome.status === 413
      ? t('ai.upload.tooLarge', { limit: formatBytes(maxFileBytes, i18n.language) })
      : outcome.status === 0
        ? t('ai.upload.network')
        : outcome.status === 429 && outcome.retryAfter
          ? t('ai.upload.limited', { message: outcome.message, seconds: outcome.retryAfter })
          : outcome.message || t('errors.loadFailed');
  return (
    <Alert color="red" role="alert">
      {text}
    </Alert>
  );
}

/** The prediction file: its size is checked against the API's limit before sending, then it uploads with progress. */
export function SubmissionUploadForm({ slug, task, quota }: { slug: string; task: Task; quota: Quota }) {
  const { t, i18n } = useTranslation();
  const upload = useUploadSubmission(slug, task.id);
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const limit = formatBytes(quota.maxFileBytes, i18n.language);
  const tooLarge = file !== null && file.size > quota.maxFileBytes;
  const noneLeft = quota.leftToday === 0;
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!file || tooLarge) return;
    setOutcome(null);
    setProgress(0);
    upload.mutate(
      { file, onProgress: setProgress },
      {
        onSuccess: (answer) => {
          setProgress(null);
          if (answer.status === 202) {
            setOutcome({ kind: 'accepted' });
            setFile(null);
          } else setOutcome({ kind: 'refused', status: answer.status, message: answerMessage(answer.body), retryAfter: answer.retryAfter });
        },
      },
    );
  };
  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="upload-title">
      <Stack gap="sm">
        <FileInput
          label={t('ai.upload.file')}
          description={t('ai.upload.hint', { columns: `${task.idColumn},${task.targetColumn}`, rows: task.rows, limit })}
          placeholder={t('ai.upload.choose')}
          // Mantine's placeholder grey is 2.1:1; the theme's dimmed text clears 4.5:1.
          styles={{ placeholder: { color: 'var(--mantine-color-dimmed)' } }}
          value={file}
          onChange={(chosen) => {
            setFile(chosen);
            setOutcome(null);
          }}
          accept={task.submissionType === 'code' ? '.zip,application/zip' : '.csv,text/csv'}
          error={tooLarge ? t('ai.upload.tooLarge', { limit }) : undefined}
          clearable
          disabled={upload.isPending || !quota.open}
        />
        {progress !== null && (
          <div>
            <Text size="sm" id="upload-progress-label">
              {t('ai.upload.progress', { percent: Math.round(progress * 100) })}
            </Text>
            <Progress value={progress * 100} aria-labelledby="upload-progress-label" animated={progress >= 1} />
          </div>
        )}
        <Group>
          <Button type="submit" loading={upload.isPending} disabled={!file || tooLarge || noneLeft || !quota.open}>
            {t('ai.upload.submit')}
          </Button>
          {!quota.open && (
            <Text size="sm" c="dimmed">
              {t('ai.upload.closed')}
            </Text>
          )}
          {quota.open && noneLeft && (
            <Text size="sm" c="dimmed">
              {t('ai.quota.noneLeft')}
            </Text>
          )}
        </Group>
        {outcome && <OutcomeAlert outcome={outcome} maxFileBytes={quota.maxFileBytes} />}
      </Stack>
    </form>
  );
}
