import { Alert, Button, FileInput, Group, Table, Text } from '@mantine/core';
import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import classes from './ad.module.css';
import { useImportVulnboxes, useVulnboxes } from './ad.queries';
import { ScrollBox } from './scroll-box';

/** The teams' vulnboxes, and a CSV upload (`team,host`: team id or name) that sets them all at once. */
export function VulnboxesPanel({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const vulnboxes = useVulnboxes(slug);
  const upload = useImportVulnboxes(slug);
  const [file, setFile] = useState<File | null>(null);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (file) upload.mutate(file, { onSuccess: () => setFile(null) });
  };
  const refusal = upload.error as ApiError | null;
  return (
    <>
      {vulnboxes.data?.length ? (
        <ScrollBox label={t('ad.vulnboxes.tableLabel')}>
          <Table withTableBorder striped aria-label={t('ad.vulnboxes.tableLabel')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('board.team')}</Table.Th>
                <Table.Th scope="col">{t('ad.attack.host')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {vulnboxes.data.map((box) => (
                <Table.Tr key={box.teamId}>
                  <Table.Td className={classes.team}>{box.teamName}</Table.Td>
                  <Table.Td className={classes.mono}>{box.host}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollBox>
      ) : (
        <Text c="dimmed">{vulnboxes.isPending ? t('common.loading') : t('ad.vulnboxes.empty')}</Text>
      )}
      <form onSubmit={onSubmit} noValidate>
        <Group align="flex-end" gap="xs" mt="sm">
          <FileInput
            label={t('ad.vulnboxes.csv')}
            description={t('ad.vulnboxes.csvHelp')}
            placeholder={t('ad.services.pickFile')}
            styles={{ placeholder: { color: 'var(--mantine-color-dimmed)' } }}
            accept=".csv,text/csv"
            value={file}
            onChange={setFile}
            clearable
            style={{ flex: 1, minWidth: 200 }}
          />
          <Button type="submit" loading={upload.isPending} disabled={!file}>
            {t('ad.vulnboxes.upload')}
          </Button>
        </Group>
      </form>
      {upload.isSuccess && (
        <Alert color="green" role="status" mt="sm">
          {t('ad.vulnboxes.uploaded', { count: upload.data.length })}
        </Alert>
      )}
      {refusal && (
        <Alert color="red" role="alert" mt="sm">
          {[refusal.message ?? t('errors.loadFailed')].flat().join(' ')}
        </Alert>
      )}
    </>
  );
}
