import { Alert, Anchor, Badge, Button, FileInput, Group, List, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../../api/client';
import { ImportResult, useImportChallenges } from './ctf-console.queries';
import { splitProblem } from './import-problems';

function ImportReport({ slug, result }: { slug: string; result: ImportResult }) {
  const { t } = useTranslation();
  const created = result.imported.filter((item) => item.created).length;
  return (
    <Stack gap="xs" role="status">
      <Alert color="green">{t('ctfConsole.import.done', { created, updated: result.imported.length - created })}</Alert>
      <Table.ScrollContainer minWidth={320}>
        <Table aria-label={t('ctfConsole.import.resultTable')} withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('ctfConsole.import.challenge')}</Table.Th>
              <Table.Th>{t('ctfConsole.import.outcome')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {result.imported.map((item) => (
              <Table.Tr key={item.id}>
                <Table.Td style={{ overflowWrap: 'anywhere' }}>
                  <Anchor component={Link} to={`/events/${encodeURIComponent(slug)}/manage/challenges/${item.id}`}>
                    {item.name}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <Badge color={item.created ? 'green' : 'blue'} variant="light">
                    {item.created ? t('ctfConsole.import.created') : t('ctfConsole.import.updated')}
                  </Badge>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {result.warnings.length > 0 && (
        <Alert color="yellow" title={t('ctfConsole.import.warnings', { count: result.warnings.length })}>
          <List size="sm">
            {result.warnings.map((warning) => (
              <List.Item key={warning} style={{ overflowWrap: 'anywhere' }}>
                {warning}
              </List.Item>
            ))}
          </List>
        </Alert>
      )}
    </Stack>
  );
}

/** A refused import: nothing was written; each problem with the challenge file it is about. */
function ImportRefusal({ error }: { error: ApiError }) {
  const { t } = useTranslation();
  const messages = [error.message ?? ''].flat().filter(Boolean);
  const problems = messages.map(splitProblem);
  if (error.statusCode !== 400 || problems.length === 0) {
    return (
      <Alert color="red" role="alert" title={t('ctfConsole.import.failed')}>
        {messages.join(' ') || t('ctfConsole.import.failedUnknown', { status: error.statusCode })}
      </Alert>
    );
  }
  return (
    <Alert color="red" role="alert" title={t('ctfConsole.import.refused')}>
      <Stack gap="xs">
        <Text size="sm">{t('ctfConsole.import.allOrNothing')}</Text>
        <Table.ScrollContainer minWidth={320}>
          <Table aria-label={t('ctfConsole.import.refusedTable')} withTableBorder>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('ctfConsole.import.file')}</Table.Th>
                <Table.Th>{t('ctfConsole.import.why')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {problems.map((problem, index) => (
                <Table.Tr key={index}>
                  <Table.Td style={{ overflowWrap: 'anywhere' }}>{problem.source ?? t('ctfConsole.import.wholeUpload')}</Table.Td>
                  <Table.Td style={{ overflowWrap: 'anywhere' }}>{problem.reason}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Stack>
    </Alert>
  );
}

/** ctfcli import: a `challenge.yml`, or a `.zip` of challenge folders with their files; re-importing updates by name. */
export function ChallengeImportPanel({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const importing = useImportChallenges(slug);
  return (
    <section aria-labelledby="challenge-import-title">
      <Stack gap="sm">
        <Title order={3} id="challenge-import-title">
          {t('ctfConsole.import.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('ctfConsole.import.help')}
        </Text>
        <Group align="flex-end" wrap="wrap">
          <FileInput
            label={t('ctfConsole.import.pick')}
            placeholder={t('ctfConsole.import.placeholder')}
            styles={{ placeholder: { color: 'var(--mantine-color-dimmed)' } }}
            accept=".yml,.yaml,.zip,application/zip,application/yaml"
            value={file}
            onChange={setFile}
            clearable
            clearButtonProps={{ 'aria-label': t('ctfConsole.import.clear') }}
            style={{ flex: 1, minWidth: 200 }}
          />
          <Button disabled={!file} loading={importing.isPending} onClick={() => file && importing.mutate(file)}>
            {t('ctfConsole.import.button')}
          </Button>
        </Group>
        {importing.isSuccess && <ImportReport slug={slug} result={importing.data} />}
        {importing.isError && <ImportRefusal error={importing.error as unknown as ApiError} />}
      </Stack>
    </section>
  );
}
