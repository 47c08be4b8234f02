import { Alert, Badge, Checkbox, List, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DateTime } from '../../components/date-time';
import { Quota, Submission, useSelectFinal } from './ai.queries';

const STATUS_COLOURS: Record<Submission['status'], string> = { queued: 'gray', running: 'blue', scored: 'green', failed: 'red' };

function Score({ value }: { value: number | null | undefined }) {
  const { i18n } = useTranslation();
  if (value === null || value === undefined) return <Text c="dimmed">—</Text>;
  return <Text ff="monospace">{new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 6 }).format(value)}</Text>;
}

/** What the team may read of a failure: the platform's reason and messages (never a program's output). */
function Report({ submission }: { submission: Submission }) {
  const { t } = useTranslation();
  const messages = submission.report.messages;
  if (submission.status !== 'failed' && messages.length === 0) return null;
  return (
    <List size="sm" aria-label={t('ai.submissions.report')}>
      {submission.failureReason && <List.Item>{t('ai.submissions.reason', { reason: submission.failureReason })}</List.Item>}
      {messages.map((message, index) => (
        <List.Item key={index}>{message}</List.Item>
      ))}
    </List>
  );
}

export function SubmissionsTable({ slug, taskId, submissions, quota }: { slug: string; taskId: string; submissions: Submission[]; quota: Quota }) {
  const { t, i18n } = useTranslation();
  const selectFinal = useSelectFinal(slug, taskId);
  const finals = submissions.filter((item) => item.selectedFinal).length;
  if (submissions.length === 0) return <Text c="dimmed">{t('ai.submissions.none')}</Text>;
  const showPrivate = submissions.some((item) => item.privateScore !== null && item.privateScore !== undefined);
  const refusal = selectFinal.error as { message?: string | string[] } | null;
  return (
    <>
      <Text size="sm" c="dimmed">
        {quota.finalsOpen ? t('ai.final.help', { count: quota.maxFinal }) : t('ai.final.closed')}
      </Text>
      <Table.ScrollContainer minWidth={520}>
        <Table striped aria-label={t('ai.submissions.title')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('ai.submissions.submittedAt')}</Table.Th>
              <Table.Th>{t('ai.submissions.status')}</Table.Th>
              <Table.Th>{t('ai.submissions.publicScore')}</Table.Th>
              {showPrivate && <Table.Th>{t('ai.submissions.privateScore')}</Table.Th>}
              <Table.Th>{t('ai.final.column')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {submissions.map((submission) => {
              const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'medium' }).format(new Date(submission.createdAt));
              const blocked = !quota.finalsOpen || submission.status !== 'scored' || (!submission.selectedFinal && finals >= quota.maxFinal);
              return (
                <Table.Tr key={submission.id}>
                  <Table.Td>
                    <DateTime value={submission.createdAt} />
                    <Report submission={submission} />
                  </Table.Td>
                  <Table.Td>
                    <Badge color={STATUS_COLOURS[submission.status]} variant="light">
                      {t(`ai.status.${submission.status}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Score value={submission.publicScore} />
                  </Table.Td>
                  {showPrivate && (
                    <Table.Td>
                      <Score value={submission.privateScore} />
                    </Table.Td>
                  )}
                  <Table.Td>
                    <Checkbox
                      aria-label={t('ai.final.mark', { time: when })}
                      checked={submission.selectedFinal}
                      disabled={blocked || selectFinal.isPending}
                      onChange={(event) => selectFinal.mutate({ id: submission.id, final: event.currentTarget.checked })}
                    />
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {refusal && (
        <Alert color="red" role="alert">
          {[refusal.message ?? t('errors.loadFailed')].flat().join(' ')}
        </Alert>
      )}
    </>
  );
}
