import '../console-ctf-ops.i18n';
import { Alert, Button, FileInput, Fieldset, Group, List, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrors } from '../../../api/client';
import { formatBytes } from '../../../components/format-bytes';
import { ChallengeFile, useRemoveChallengeFile, useUploadChallengeFiles } from './ctf-console.queries';

/** The challenge's attachments, each removable after a confirmation, and an upload that adds files (one of the same name is replaced). */
export function ChallengeFilesPanel({ slug, challengeId, files }: { slug: string; challengeId: string; files: ChallengeFile[] }) {
  const { t, i18n } = useTranslation();
  const [picked, setPicked] = useState<File[]>([]);
  const uploadFiles = useUploadChallengeFiles(slug, challengeId);
  const removeFile = useRemoveChallengeFile(slug, challengeId);
  const [removing, setRemoving] = useState<ChallengeFile | null>(null);
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
              <List.Item key={file.id}>
                <Group gap="xs">
                  <Text size="sm">
                    {file.name} ({formatBytes(file.size, i18n.language)})
                  </Text>
                  <Button
                    size="compact-xs"
                    variant="subtle"
                    color="red"
                    onClick={() => {
                      removeFile.reset();
                      setRemoving(file);
                    }}
                    aria-label={t('consoleCtfOps.files.removeLabel', { name: file.name })}
                  >
                    {t('consoleCtfOps.files.remove')}
                  </Button>
                </Group>
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
        {removeFile.isSuccess && (
          <Alert color="green" role="status">
            {t('consoleCtfOps.files.removed')}
          </Alert>
        )}
        {removeFile.isError && (
          <Alert color="red" role="alert">
            {[t('consoleCtfOps.files.failed'), ...fieldErrors(removeFile.error, []).rest].join(' ')}
          </Alert>
        )}
        <Modal
          opened={removing !== null}
          onClose={() => setRemoving(null)}
          title={t('consoleCtfOps.files.confirmTitle')}
          centered
          closeButtonProps={{ 'aria-label': t('consoleCtfOps.keep') }}
        >
          <Text mb="md">{t('consoleCtfOps.files.confirmRemove', { name: removing?.name ?? '' })}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setRemoving(null)}>
              {t('consoleCtfOps.keep')}
            </Button>
            <Button color="red" loading={removeFile.isPending} onClick={() => removing && removeFile.mutate(removing.id, { onSettled: () => setRemoving(null) })}>
              {t('consoleCtfOps.files.remove')}
            </Button>
          </Group>
        </Modal>
        {uploadFiles.isSuccess && (
          <Alert color="green" role="status">
            {t('ctfConsole.files.uploaded', { count: uploadFiles.data.length })}
          </Alert>
        )}
      </Stack>
    </Fieldset>
  );
}
