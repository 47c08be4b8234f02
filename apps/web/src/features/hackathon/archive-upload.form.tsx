import { Alert, Button, FileInput, Group, Progress, Stack, Text } from '@mantine/core';
import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { answerMessage } from '../../api/upload';
import { formatBytes } from '../../components/format-bytes';
import { useUploadArchive } from './hackathon.queries';

/** The source archive: size checked against the API's limit first, then uploaded with progress; the checks follow. */
export function ArchiveUploadForm({ slug, projectId, maxUploadBytes, open }: { slug: string; projectId: string; maxUploadBytes: number; open: boolean }) {
  const { t, i18n } = useTranslation();
  const upload = useUploadArchive(slug, projectId);
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const limit = formatBytes(maxUploadBytes, i18n.language);
  const tooLarge = file !== null && file.size > maxUploadBytes;
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!file || tooLarge) return;
    setError(null);
    setDone(false);
    setProgress(0);
    upload.mutate(
      { file, onProgress: setProgress },
      {
        onSuccess: (answer) => {
          setProgress(null);
          if (answer.status === 200) {
            setDone(true);
            setFile(null);
          } else if (answer.status === 413) setError(t('hackathon.archive.tooLarge', { limit }));
          else if (answer.status === 0) setError(t('hackathon.archive.network'));
          else setError(answerMessage(answer.body) || t('errors.loadFailed'));
        },
      },
    );
  };
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="sm">
        <FileInput
          label={t('hackathon.archive.file')}
          description={t('hackathon.archive.hint', { limit })}
          placeholder={t('hackathon.archive.choose')}
          // Mantine's placeholder grey is 2.1:1; the theme's dimmed text clears 4.5:1.
          styles={{ placeholder: { color: 'var(--mantine-color-dimmed)' } }}
          value={file}
          onChange={(chosen) => {
            setFile(chosen);
            setError(null);
            setDone(false);
          }}
          accept=".zip,application/zip"
          error={tooLarge ? t('hackathon.archive.tooLarge', { limit }) : undefined}
          clearable
          disabled={upload.isPending || !open}
        />
        {progress !== null && (
          <div>
            <Text size="sm" id="archive-progress-label">
              {t('hackathon.archive.progress', { percent: Math.round(progress * 100) })}
            </Text>
            <Progress value={progress * 100} aria-labelledby="archive-progress-label" animated={progress >= 1} />
          </div>
        )}
        <Group>
          <Button type="submit" loading={upload.isPending} disabled={!file || tooLarge || !open}>
            {t('hackathon.archive.submit')}
          </Button>
        </Group>
        {done && (
          <Alert color="green" role="status">
            {t('hackathon.archive.uploaded')}
          </Alert>
        )}
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
      </Stack>
    </form>
  );
}
