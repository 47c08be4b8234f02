import { Alert, Badge, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrors } from '../../api/client';
import { DateTime } from '../../components/date-time';
import { PageLoader } from '../../components/page-loader';
import { HackathonSettings, useHackathonSettings } from '../hackathon/hackathon.queries';
import { useConsoleEvent } from './console.layout';
import './hackathon-console.i18n';
import { downloadExport, ExportKind, ResultRow, Results, usePublishResults, useResults, useSaveHackathonSettings } from './hackathon-console.queries';
import { ScrollTable } from './scroll-table';

const EXPORTS: ExportKind[] = ['results', 'scores', 'projects'];
const score = (value: number | null | undefined) => (value === null || value === undefined ? '–' : value.toFixed(3));

/** Close or reopen judging, publish or unpublish: each as the API answers it. */
function Controls({ slug, settings }: { slug: string; settings: HackathonSettings }) {
  const { t } = useTranslation();
  const save = useSaveHackathonSettings(slug);
  const publish = usePublishResults(slug);
  const failure = save.error ?? publish.error;
  return (
    <section aria-labelledby="state-title">
      <Title order={3} id="state-title" mb="xs">
        {t('hackcon.results.state')}
      </Title>
      <Stack gap="xs">
        <Group gap="sm">
          <Badge color={settings.judgingClosed ? 'gray' : 'green'}>{settings.judgingClosed ? t('hackcon.results.closed') : t('hackcon.results.open')}</Badge>
          <Button size="sm" variant="light" loading={save.isPending} onClick={() => save.mutate({ judgingClosed: !settings.judgingClosed })}>
            {settings.judgingClosed ? t('hackcon.results.reopen') : t('hackcon.results.close')}
          </Button>
        </Group>
        <Group gap="sm">
          {settings.resultsPublishedAt ? (
            <Text>
              {t('hackcon.results.publishedAt')} <DateTime value={settings.resultsPublishedAt} />
            </Text>
          ) : (
            <Text>{t('hackcon.results.notPublished')}</Text>
          )}
          <Button size="sm" color={settings.resultsPublishedAt ? 'orange' : 'blue'} loading={publish.isPending} onClick={() => publish.mutate(!settings.resultsPublishedAt)}>
            {settings.resultsPublishedAt ? t('hackcon.results.unpublish') : t('hackcon.results.publish')}
          </Button>
        </Group>
        {failure && (
          <Alert color="red" role="alert">
            {fieldErrors(failure, []).rest.join(' ')}
          </Alert>
        )}
      </Stack>
    </section>
  );
}

function Breakdown({ row }: { row: ResultRow }) {
  const { t } = useTranslation();
  const breakdown = row.breakdown;
  if (!breakdown) return null;
  return (
    <Stack gap={4}>
      {breakdown.meanRaw !== null && breakdown.meanRaw !== undefined && <Text size="sm">{t('hackcon.results.meanRaw', { value: score(breakdown.meanRaw) })}</Text>}
      {breakdown.mu !== undefined && <Text size="sm">{t('hackcon.results.mu', { mu: score(breakdown.mu), sigma: score(breakdown.sigmaSq) })}</Text>}
      {breakdown.judges.length > 0 && (
        <Table aria-label={t('hackcon.results.breakdownOf', { title: row.title })}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('hackcon.judge')}</Table.Th>
              <Table.Th>{t('hackcon.results.raw')}</Table.Th>
              <Table.Th>{t('hackcon.results.z')}</Table.Th>
              <Table.Th>{t('hackcon.results.comment')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {breakdown.judges.map((judge) => (
              <Table.Tr key={judge.judgeId}>
                <Table.Td>{judge.judgeName}</Table.Td>
                <Table.Td>{score(judge.raw)}</Table.Td>
                <Table.Td>{score(judge.z)}</Table.Td>
                <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{judge.comment}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

function Ranking({ results }: { results: Results }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<string | null>(null);
  return (
    <section aria-labelledby="ranking-title">
      <Title order={3} id="ranking-title" mb="xs">
        {t('hackcon.results.ranking')}
      </Title>
      <Text size="sm" c="dimmed" mb="xs">
        {t(`hackcon.results.method.${results.mode === 'pairwise' ? 'pairwise' : results.normalisation}`)}
      </Text>
      {results.overall.length === 0 && <Text>{t('hackcon.results.noProjects')}</Text>}
      {results.overall.length > 0 && (
        <ScrollTable minWidth={520} label={t('hackcon.results.ranking')}>
          <Table aria-label={t('hackcon.results.ranking')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('hackcon.results.rank')}</Table.Th>
                <Table.Th>{t('hackcon.project')}</Table.Th>
                <Table.Th>{t('hackcon.team')}</Table.Th>
                <Table.Th>{t('hackcon.results.score')}</Table.Th>
                <Table.Th>{t('hackcon.results.judged')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {results.overall.map((row) => (
                <Fragment key={row.projectId}>
                  <Table.Tr>
                    <Table.Td>{row.rank}</Table.Td>
                    <Table.Td>
                      {row.title}
                      {row.breakdown && (
                        <Button
                          size="compact-xs"
                          variant="default"
                          ml="xs"
                          aria-expanded={open === row.projectId}
                          aria-controls={`breakdown-${row.projectId}`}
                          onClick={() => setOpen(open === row.projectId ? null : row.projectId)}
                          aria-label={t('hackcon.results.breakdownOf', { title: row.title })}
                        >
                          {t('hackcon.results.breakdown')}
                        </Button>
                      )}
                    </Table.Td>
                    <Table.Td>{row.teamName}</Table.Td>
                    <Table.Td>{score(row.score)}</Table.Td>
                    <Table.Td>{row.judged}</Table.Td>
                  </Table.Tr>
                  {open === row.projectId && (
                    <Table.Tr id={`breakdown-${row.projectId}`}>
                      <Table.Td colSpan={5}>
                        <Breakdown row={row} />
                      </Table.Td>
                    </Table.Tr>
                  )}
                </Fragment>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      )}
      {results.tracks.map((track) => (
        <Fragment key={track.track}>
          <Title order={4} mt="md" mb="xs">
            {t('hackcon.results.track', { track: track.track })}
          </Title>
          <Table aria-label={t('hackcon.results.track', { track: track.track })}>
            <Table.Tbody>
              {track.rows.map((row) => (
                <Table.Tr key={row.projectId}>
                  <Table.Td w={60}>{row.rank}</Table.Td>
                  <Table.Td>{row.title}</Table.Td>
                  <Table.Td>{score(row.score)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Fragment>
      ))}
    </section>
  );
}

function PeoplesChoice({ results, enabled }: { results: Results; enabled: boolean }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="peoples-choice-title">
      <Title order={3} id="peoples-choice-title" mb="xs">
        {t('hackcon.results.peoplesChoice')}
      </Title>
      {!enabled ? (
        <Text>{t('hackcon.results.peoplesChoiceOff')}</Text>
      ) : (
        <Table aria-label={t('hackcon.results.peoplesChoice')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('hackcon.results.rank')}</Table.Th>
              <Table.Th>{t('hackcon.project')}</Table.Th>
              <Table.Th>{t('hackcon.results.votes')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {results.peoplesChoice.map((row) => (
              <Table.Tr key={row.projectId}>
                <Table.Td>{row.rank}</Table.Td>
                <Table.Td>{row.title}</Table.Td>
                <Table.Td>{row.votes}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </section>
  );
}

function Exports({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const [failed, setFailed] = useState<ExportKind | null>(null);
  return (
    <section aria-labelledby="exports-title">
      <Title order={3} id="exports-title" mb="xs">
        {t('hackcon.results.exports')}
      </Title>
      <Group gap="xs">
        {EXPORTS.map((kind) => (
          <Button
            key={kind}
            variant="default"
            onClick={() => {
              setFailed(null);
              downloadExport(slug, kind).catch(() => setFailed(kind));
            }}
          >
            {t('hackcon.results.download', { file: `${kind}.csv` })}
          </Button>
        ))}
      </Group>
      {failed && (
        <Alert color="red" role="alert" mt="xs">
          {t('hackcon.results.downloadFailed', { file: `${failed}.csv` })}
        </Alert>
      )}
    </section>
  );
}

/** `/events/<slug>/manage/hackathon-results`: close judging, the normalised ranking with its breakdown, publishing, people's choice and the CSV exports. */
export function HackathonResultsPage() {
  const { t } = useTranslation();
  const event = useConsoleEvent();
  const settings = useHackathonSettings(event.slug);
  const results = useResults(event.slug);
  if (settings.isPending || results.isPending) return <PageLoader />;
  if (settings.isError || results.isError) return <Alert color="red">{t('errors.loadFailed')}</Alert>;
  return (
    <Stack gap="xl">
      <Title order={2}>{t('hackcon.results.title')}</Title>
      <Controls slug={event.slug} settings={settings.data} />
      <Ranking results={results.data} />
      <PeoplesChoice results={results.data} enabled={settings.data.peoplesChoice.enabled} />
      <Exports slug={event.slug} />
    </Stack>
  );
}
