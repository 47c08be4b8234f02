import { Alert, Badge, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PageLoader } from '../../components/page-loader';
import { useConsoleEvent } from './console.layout';
import './hackathon-console.i18n';
import { useJudgingProgress } from './hackathon-console.queries';
import { ScrollTable } from './scroll-table';

/** `/events/<slug>/manage/hackathon-progress`: per judge and per project, scored and remaining (refreshed while open). */
export function HackathonProgressPage() {
  const { t } = useTranslation();
  const event = useConsoleEvent();
  const progress = useJudgingProgress(event.slug);
  if (progress.isPending) return <PageLoader />;
  if (progress.isError) return <Alert color="red">{t('errors.loadFailed')}</Alert>;
  const { judges, projects } = progress.data;
  const scored = projects.reduce((sum, project) => sum + project.scored, 0);
  const assigned = projects.reduce((sum, project) => sum + project.assigned, 0);
  return (
    <Stack gap="xl">
      <Title order={2}>{t('hackcon.progress.title')}</Title>
      <Text role="status">{t('hackcon.progress.overall', { scored, total: assigned })}</Text>
      <section aria-labelledby="by-judge-title">
        <Title order={3} id="by-judge-title" mb="xs">
          {t('hackcon.progress.byJudge')}
        </Title>
        <ScrollTable minWidth={480} label={t('hackcon.progress.byJudge')}>
          <Table aria-label={t('hackcon.progress.byJudge')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('hackcon.judge')}</Table.Th>
                <Table.Th>{t('hackcon.progress.scored')}</Table.Th>
                <Table.Th>{t('hackcon.progress.remaining')}</Table.Th>
                <Table.Th>{t('hackcon.progress.recused')}</Table.Th>
                <Table.Th>{t('hackcon.progress.votes')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {judges.map((judge) => (
                <Table.Tr key={judge.judgeId}>
                  <Table.Td>{judge.displayName}</Table.Td>
                  <Table.Td>{t('hackcon.progress.ofTotal', { scored: judge.scored, total: judge.assigned })}</Table.Td>
                  <Table.Td>{judge.assigned - judge.scored}</Table.Td>
                  <Table.Td>{judge.recused}</Table.Td>
                  <Table.Td>{judge.votes}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      </section>
      <section aria-labelledby="by-project-title">
        <Title order={3} id="by-project-title" mb="xs">
          {t('hackcon.progress.byProject')}
        </Title>
        <ScrollTable minWidth={480} label={t('hackcon.progress.byProject')}>
          <Table aria-label={t('hackcon.progress.byProject')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('hackcon.project')}</Table.Th>
                <Table.Th>{t('hackcon.team')}</Table.Th>
                <Table.Th>{t('hackcon.progress.scored')}</Table.Th>
                <Table.Th>{t('hackcon.progress.remaining')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {projects.map((project) => (
                <Table.Tr key={project.projectId}>
                  <Table.Td>
                    {project.title}
                    {project.assigned === 0 && (
                      <Badge color="red" variant="light" ml="xs">
                        {t('hackcon.progress.noJudge')}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>{project.teamName}</Table.Td>
                  <Table.Td>{t('hackcon.progress.ofTotal', { scored: project.scored, total: project.assigned })}</Table.Td>
                  <Table.Td>{project.assigned - project.scored}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      </section>
    </Stack>
  );
}
