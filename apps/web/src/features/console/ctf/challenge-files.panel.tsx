import { Alert, Button, FileInput, Fieldset, Group, List, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrors } from '../../../api/client';
import { formatBytes } from '../../../components/format-bytes';
import { ChallengeFile, useUploadChallengeFiles } from './ctf-console.queries';

/** The challenge's attachments, and an upload that adds files (one of the same name is replaced). */
export function ChallengeFilesPanel({ slug, challengeId, files }: { slug: string; challengeId: string; files: ChallengeFile[] }) {
  const { t, i18n } = useTranslation();
  const [picked, setPicked] = useState<File[]>([]);
  const uploadFiles = useUploadChallengeFiles(slug, challengeId);
  const { byField, rest } = fieldErrors(uploadFiles.error, ['file']);
  const message = byField.file ?? (uploadFiles.isError ? [t('ctfConsole.files.failed'), ...rest].join(' ') : undefined);
  return (
    <Fieldset legend={t('ctfConsole.files.legend')}>
      <Stack gap="sm">
        {files.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('ctfConsole.files.none')}
          </Text>
        ) : (
          <List size="sm" aria-label={t('ctfConsole.files.legend')}>
            {files.map((file) => (
              <List.Item key={file.url}>
                {file.name} ({formatBytes(file.size, i18n.language)})
              </List.Item>
            ))}
          </List>
        )}
        <Group align="flex-end" wrap="wrap">
          <FileInput
            label={t('ctfConsole.files.pick')}
            description={t('ctfConsole.files.pickHint')}
            placeholder={t('ctfConsole.files.placeholder')}
            styles={{ placeholder: { color: 'var(--mantine-color-dimmed)' } }}
            multiple
            value={picked}
            onChange={setPicked}
            error={message}
            clearable
            clearButtonProps={{ 'aria-label': t('ctfConsole.files.clear') }}
            style={{ flex: 1, minWidth: 200 }}
          />
          <Button variant="light" disabled={picked.length === 0} loading={uploadFiles.isPending} onClick={() => uploadFiles.mutate(picked, { onSuccess: () => setPicked([]) })}>
            {t('ctfConsole.files.upload')}
          </Button>
        </Group>
        {uploadFiles.isSuccess && (
          <Alert color="green" role="status">
            {t('ctfConsole.files.uploaded', { count: uploadFiles.data.length })}
          </Alert>
        )}
      </Stack>
    </Fieldset>
  );
}
