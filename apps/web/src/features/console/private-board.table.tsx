import { Alert, Badge, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PageLoader } from '../../components/page-loader';
import { usePrivateBoard } from './ai-tasks.queries';

/** The task's private board as the API ranks it for organisers, before it is shown to anyone else. */
export function PrivateBoardTable({ slug, taskId }: { slug: string; taskId: string }) {
  const { t, i18n } = useTranslation();
  const board = usePrivateBoard(slug, taskId);
  if (board.isPending) return <PageLoader />;
  if (board.isError)
    return (
      <Alert color="red" role="alert">
        {t('errors.loadFailed')}
      </Alert>
    );
  const { rows, columns = [] } = board.data;
  const number = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 6 });
  if (rows.length === 0) return <Text c="dimmed">{t('consoleAi.board.empty')}</Text>;
  return (
    <Table.ScrollContainer minWidth={420}>
      <Table striped aria-label={t('consoleAi.board.title')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('consoleAi.board.rank')}</Table.Th>
            <Table.Th>{t('consoleAi.submissions.team')}</Table.Th>
            <Table.Th>{t('consoleAi.board.score')}</Table.Th>
            {columns.map((column) => (
              <Table.Th key={column}>{column}</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.teamId}>
              <Table.Td>{row.rank}</Table.Td>
              <Table.Td>
                {row.teamName}{' '}
                {row.banned && (
                  <Badge color="red" variant="light">
                    {t('consoleAi.board.banned')}
                  </Badge>
                )}
              </Table.Td>
              <Table.Td ff="monospace">{number.format(row.score)}</Table.Td>
              {columns.map((column) => (
                <Table.Td key={column} ff="monospace">
                  {row.scores?.[column] === undefined ? '—' : number.format(row.scores[column])}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
