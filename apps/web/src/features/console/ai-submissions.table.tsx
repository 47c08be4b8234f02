import { Alert, Badge, Button, Code, List, Pagination, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateTime } from '../../components/date-time';
import { PageLoader } from '../../components/page-loader';
import { Submission } from '../ai/ai.queries';
import { SUBMISSIONS_PAGE, useAllSubmissions, useRescore } from './ai-tasks.queries';

const STATUS_COLOURS: Record<Submission['status'], string> = { queued: 'gray', running: 'blue', scored: 'green', failed: 'red' };
// The one failure the platform caused (no sandbox, retries spent): the only one an organiser can queue again.
const SYSTEM_FAILURE = 'system-error';

/** What organisers read of a check beyond the team's copy (the API sends it to them only). */
interface OrganiserReport {
  messages: string[];
  runs?: Array<{ step: string; verdict: string; limit: string | null; wallMs?: number }>;
  output?: Array<{ step: string; stdout: string; stderr: string }>;
  organiserMessages?: string[];
}

function Score({ value }: { value: number | null | undefined }) {
  const { i18n } = useTranslation();
  if (value === null || value === undefined) return <Text c="dimmed">—</Text>;
  return <Text ff="monospace">{new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 6 }).format(value)}</Text>;
}

/** The platform's messages, each run's verdict and what the programs printed: all shown as text. */
function Report({ submission }: { submission: Submission }) {
  const { t } = useTranslation();
  const report = submission.report as OrganiserReport;
  const lines = [...report.messages, ...(report.organiserMessages ?? [])];
  const runs = report.runs ?? [];
  const output = (report.output ?? []).filter((run) => run.stdout || run.stderr);
  if (!submission.failureReason && lines.length === 0 && runs.length === 0) return null;
  return (
    <Stack gap={4}>
      <List size="sm" aria-label={t('consoleAi.submissions.report')}>
        {submission.failureReason && <List.Item>{t('ai.submissions.reason', { reason: submission.failureReason })}</List.Item>}
        {lines.map((line, index) => (
          <List.Item key={index}>{line}</List.Item>
        ))}
        {runs.map((run, index) => (
          <List.Item key={`r${index}`}>{t('consoleAi.submissions.run', { step: run.step, verdict: run.verdict, limit: run.limit ?? '—' })}</List.Item>
        ))}
      </List>
      {output.length > 0 && (
        <details>
          <summary>{t('consoleAi.submissions.output')}</summary>
          {output.map((run, index) => (
            <Code block key={index} style={{ whiteSpace: 'pre-wrap', maxHeight: '16rem', overflow: 'auto' }}>
              {`[${run.step}]\n${run.stdout}${run.stderr ? `\n${run.stderr}` : ''}`}
            </Code>
          ))}
        </details>
      )}
    </Stack>
  );
}

/** Every team's submissions to one task, with scores, reports and the re-score of a system failure. */
export function AiSubmissionsTable({ slug, taskId }: { slug: string; taskId: string }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const submissions = useAllSubmissions(slug, taskId, page);
  const rescore = useRescore(slug, taskId);
  if (submissions.isPending) return <PageLoader />;
  if (submissions.isError)
    return (
      <Alert color="red" role="alert">
        {t('errors.loadFailed')}
      </Alert>
    );
  const { items, total } = submissions.data;
  const refusal = rescore.error as { message?: string | string[] } | null;
  if (total === 0) return <Text c="dimmed">{t('consoleAi.submissions.none')}</Text>;
  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {t('consoleAi.submissions.total', { count: total })}
      </Text>
      <Table.ScrollContainer minWidth={720}>
        <Table striped aria-label={t('consoleAi.submissions.title')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('consoleAi.submissions.team')}</Table.Th>
              <Table.Th>{t('ai.submissions.submittedAt')}</Table.Th>
              <Table.Th>{t('ai.submissions.status')}</Table.Th>
              <Table.Th>{t('ai.submissions.publicScore')}</Table.Th>
              <Table.Th>{t('ai.submissions.privateScore')}</Table.Th>
              <Table.Th>{t('consoleAi.submissions.final')}</Table.Th>
              <Table.Th>{t('consoleAi.submissions.report')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((submission) => (
              <Table.Tr key={submission.id}>
                <Table.Td>{submission.teamName}</Table.Td>
                <Table.Td>
                  <DateTime value={submission.createdAt} />
                </Table.Td>
                <Table.Td>
                  <Badge color={STATUS_COLOURS[submission.status]} variant="light" style={{ minWidth: 'max-content' }}>
                    {t(`ai.status.${submission.status}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Score value={submission.publicScore} />
                </Table.Td>
                <Table.Td>
                  <Score value={submission.privateScore} />
                </Table.Td>
                <Table.Td>{submission.selectedFinal ? t('consoleAi.submissions.yes') : ''}</Table.Td>
                <Table.Td>
                  <Stack gap="xs" align="flex-start">
                    <Report submission={submission} />
                    {submission.status === 'failed' && submission.failureReason === SYSTEM_FAILURE && (
                      <Button
                        size="xs"
                        variant="light"
                        loading={rescore.isPending && rescore.variables === submission.id}
                        onClick={() => rescore.mutate(submission.id)}
                        aria-label={t('consoleAi.submissions.rescoreOf', { team: submission.teamName })}
                      >
                        {t('consoleAi.submissions.rescore')}
                      </Button>
                    )}
                  </Stack>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {total > SUBMISSIONS_PAGE && (
        <Pagination
          total={Math.ceil(total / SUBMISSIONS_PAGE)}
          value={page}
          onChange={setPage}
          aria-label={t('consoleAi.submissions.pages')}
          getControlProps={(control) => ({ 'aria-label': t(`console.registrations.pages.${control}`) })}
          getItemProps={(number) => ({ 'aria-label': t('console.registrations.pages.page', { number }) })}
        />
      )}
      {rescore.isSuccess && (
        <Alert color="green" role="status">
          {t('consoleAi.submissions.requeued')}
        </Alert>
      )}
      {refusal && (
        <Alert color="red" role="alert">
          {[refusal.message ?? t('errors.loadFailed')].flat().join(' ')}
        </Alert>
      )}
    </Stack>
  );
}
