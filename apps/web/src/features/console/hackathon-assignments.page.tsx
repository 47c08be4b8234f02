import { Alert, Badge, Button, Group, NativeSelect, NumberInput, Stack, Table, Text, Title } from '@mantine/core';
import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrors } from '../../api/client';
import { useConsoleEvent } from './console.layout';
import './hackathon-console.i18n';
import { AssignResult, Judge, ManagedAssignment, useAssign, useJudges, useManagedAssignments, useMoveAssignment } from './hackathon-console.queries';
import { ScrollTable } from './scroll-table';

/** The plan the API proposes: the load per judge, whether it is balanced and connected, and a button to apply it. */
function PlanPreview({ plan, onApply, applying }: { plan: AssignResult; onApply: () => void; applying: boolean }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs" role="region" aria-label={plan.applied ? t('hackcon.assign.appliedTitle') : t('hackcon.assign.previewTitle')}>
      <Title order={4}>{plan.applied ? t('hackcon.assign.appliedTitle') : t('hackcon.assign.previewTitle')}</Title>
      <Group gap="xs">
        <Badge color={plan.balanced ? 'green' : 'orange'} variant="light">
          {plan.balanced ? t('hackcon.assign.balanced') : t('hackcon.assign.unbalanced')}
        </Badge>
        <Badge color={plan.connected ? 'green' : 'orange'} variant="light">
          {plan.connected ? t('hackcon.assign.connected') : t('hackcon.assign.disconnected')}
        </Badge>
      </Group>
      <Table aria-label={t('hackcon.assign.loads')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('hackcon.judge')}</Table.Th>
            <Table.Th>{t('hackcon.assign.projects')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {plan.loads.map((load) => (
            <Table.Tr key={load.judgeId}>
              <Table.Td>{load.displayName}</Table.Td>
              <Table.Td>{load.projects}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {!plan.applied && (
        <Group>
          <Button onClick={onApply} loading={applying}>
            {t('hackcon.assign.apply')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

function AutoAssign({ slug, hasAssignments }: { slug: string; hasAssignments: boolean }) {
  const { t } = useTranslation();
  const assign = useAssign(slug);
  const [perProject, setPerProject] = useState<number | string>(2);
  const errors = fieldErrors(assign.error, ['judgesPerProject']);
  const run = (dryRun: boolean) => assign.mutate({ judgesPerProject: Number(perProject), dryRun });
  const preview = (event: FormEvent) => {
    event.preventDefault();
    run(true);
  };
  return (
    <section aria-labelledby="auto-title">
      <Title order={3} id="auto-title" mb="xs">
        {t('hackcon.assign.auto')}
      </Title>
      <Text size="sm" c="dimmed" mb="xs">
        {hasAssignments ? t('hackcon.assign.replaceHint') : t('hackcon.assign.autoHint')}
      </Text>
      <form onSubmit={preview}>
        <Group align="flex-start">
          <NumberInput label={t('hackcon.assign.perProject')} min={1} max={50} required value={perProject} onChange={setPerProject} error={errors.byField.judgesPerProject} />
          <Button type="submit" mt={{ base: 0, sm: 25 }} variant="light" loading={assign.isPending && assign.variables?.dryRun}>
            {t('hackcon.assign.preview')}
          </Button>
        </Group>
      </form>
      {errors.rest.length > 0 && (
        <Alert color="red" role="alert" mt="xs">
          {errors.rest.join(' ')}
        </Alert>
      )}
      {assign.data && <PlanPreview plan={assign.data} onApply={() => run(false)} applying={assign.isPending} />}
    </section>
  );
}

/** Another judge for one row: active rows move, recused ones still without a replacement get one. */
function MoveControl({ slug, row, judges, rows }: { slug: string; row: ManagedAssignment; judges: Judge[]; rows: ManagedAssignment[] }) {
  const { t } = useTranslation();
  const move = useMoveAssignment(slug);
  const [judgeId, setJudgeId] = useState('');
  const recused = row.status === 'recused';
  if ((recused && row.replacedById) || (!recused && row.scored)) return null;
  const onProject = new Set(rows.filter((other) => other.projectId === row.projectId).map((other) => other.judgeId));
  const options = judges.filter((judge) => !onProject.has(judge.judgeId));
  const label = recused ? t('hackcon.assign.reassignTo', { title: row.title }) : t('hackcon.assign.moveTo', { title: row.title });
  return (
    <Stack gap={4}>
      <Group gap="xs" wrap="nowrap">
        <NativeSelect
          aria-label={label}
          size="xs"
          value={judgeId}
          onChange={(e) => setJudgeId(e.currentTarget.value)}
          data={[{ value: '', label: t('hackcon.assign.leastBusy') }, ...options.map((judge) => ({ value: judge.judgeId, label: judge.displayName }))]}
        />
        <Button size="xs" variant="light" loading={move.isPending} onClick={() => move.mutate({ id: row.id, judgeId: judgeId || undefined, recused })} aria-label={label}>
          {recused ? t('hackcon.assign.reassign') : t('hackcon.assign.move')}
        </Button>
      </Group>
      {move.isError && (
        <Text size="xs" c="red" role="alert">
          {fieldErrors(move.error, []).rest.join(' ')}
        </Text>
      )}
    </Stack>
  );
}

/** `/events/<slug>/manage/hackathon-assignments`: automatic assignment with a preview, then manual moves. */
export function HackathonAssignmentsPage() {
  const { t } = useTranslation();
  const event = useConsoleEvent();
  const rows = useManagedAssignments(event.slug);
  const judges = useJudges(event.slug);
  const judgeName = (id: string) => judges.data?.find((judge) => judge.judgeId === id)?.displayName ?? id;
  const list = rows.data ?? [];
  return (
    <Stack gap="xl">
      <Title order={2}>{t('hackcon.assign.title')}</Title>
      <AutoAssign slug={event.slug} hasAssignments={list.length > 0} />
      <section aria-labelledby="assignments-title">
        <Title order={3} id="assignments-title" mb="xs">
          {t('hackcon.assign.list')}
        </Title>
        {rows.isError && <Alert color="red">{t('errors.loadFailed')}</Alert>}
        {rows.isSuccess && list.length === 0 && <Text>{t('hackcon.assign.none')}</Text>}
        {list.length > 0 && (
          <ScrollTable minWidth={560} label={t('hackcon.assign.list')}>
            <Table aria-label={t('hackcon.assign.list')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('hackcon.project')}</Table.Th>
                  <Table.Th>{t('hackcon.judge')}</Table.Th>
                  <Table.Th>{t('hackcon.assign.status')}</Table.Th>
                  <Table.Th>{t('hackcon.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.map((row) => (
                  <Table.Tr key={row.id}>
                    <Table.Td>{row.title}</Table.Td>
                    <Table.Td>{judgeName(row.judgeId)}</Table.Td>
                    <Table.Td>
                      {row.status === 'recused' ? (
                        <Stack gap={2}>
                          <Badge color="orange" variant="light">
                            {row.replacedById ? t('hackcon.assign.recusedReplaced') : t('hackcon.assign.recusedOpen')}
                          </Badge>
                          <Text size="xs" style={{ whiteSpace: 'pre-wrap' }}>
                            {row.recusalReason}
                          </Text>
                        </Stack>
                      ) : (
                        <Badge color={row.scored ? 'green' : 'gray'} variant="light">
                          {row.scored ? t('hackcon.assign.scored') : t('hackcon.assign.toScore')}
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <MoveControl slug={event.slug} row={row} judges={judges.data ?? []} rows={list} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
        )}
      </section>
    </Stack>
  );
}
