import './ops.i18n';
import { Alert, Badge, Checkbox, Code, Group, NativeSelect, NumberInput, Pagination, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { fieldErrors } from '../../api/client';
import { DateTime } from '../../components/date-time';
import { useConsoleEvent } from './console.layout';
import { TableScroll } from './table-scroll';
import { AttemptsFilter, OPS_PAGE, useAttemptsLog, useChallengeChoices, useTeamChoices, Verdict } from './ops.queries';

const VERDICTS: Verdict[] = ['correct', 'incorrect', 'already_solved'];
const VERDICT_COLOURS: Record<Verdict, string> = { correct: 'green', incorrect: 'red', already_solved: 'gray' };
const DEFAULT_WINDOW_MINUTES = 5;
const FIELDS = ['since', 'until', 'windowSeconds', 'teamId', 'challengeId', 'verdict'] as const;

// `datetime-local` inputs hold the viewer's local time without a zone; the API takes instants.
const toInstant = (local: string) => (local ? new Date(local).toISOString() : undefined);

/** The filters live in the address, so a team's attempts or solves are a link away (`?teamId=…&verdict=correct`). */
function useFilterParams() {
  const [params, setParams] = useSearchParams();
  const get = (key: string) => params.get(key) ?? '';
  const set = (changes: Record<string, string>) =>
    setParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        for (const [key, value] of Object.entries(changes)) {
          if (value) next.set(key, value);
          else next.delete(key);
        }
        if (!('page' in changes)) next.delete('page');
        return next;
      },
      { replace: true },
    );
  return { get, set };
}

/** `/events/<slug>/manage/attempts`: every flag attempt, filtered and paged, with possible flag sharing flagged. */
export function AttemptsPage() {
  const { t } = useTranslation();
  const event = useConsoleEvent();
  const { get, set } = useFilterParams();
  const teams = useTeamChoices(event.slug);
  const challenges = useChallengeChoices(event.slug);
  const page = Number(get('page')) || 1;
  const windowMinutes = get('window') ? Number(get('window')) : DEFAULT_WINDOW_MINUTES;
  const filter: AttemptsFilter = {
    teamId: get('teamId') || undefined,
    challengeId: get('challengeId') || undefined,
    verdict: (get('verdict') || undefined) as Verdict | undefined,
    since: toInstant(get('since')),
    until: toInstant(get('until')),
    shared: get('shared') === 'true' ? true : undefined,
    windowSeconds: Number.isFinite(windowMinutes) ? Math.round(windowMinutes * 60) : undefined,
    page,
  };
  const log = useAttemptsLog(event.slug, filter);
  const rows = log.data?.items ?? [];
  const total = log.data?.total ?? 0;
  const errors = log.isError ? fieldErrors(log.error, FIELDS) : null;

  return (
    <Stack>
      <Title order={2}>{t('consoleOps.attempts.title')}</Title>
      <Group align="flex-end" gap="sm" role="group" aria-label={t('consoleOps.attempts.filters')}>
        <NativeSelect
          label={t('consoleOps.attempts.team')}
          value={get('teamId')}
          onChange={(change) => set({ teamId: change.currentTarget.value })}
          data={[{ value: '', label: t('consoleOps.attempts.allTeams') }, ...(teams.data?.items ?? []).map((team) => ({ value: team.id, label: team.name }))]}
        />
        <NativeSelect
          label={t('consoleOps.attempts.challenge')}
          value={get('challengeId')}
          onChange={(change) => set({ challengeId: change.currentTarget.value })}
          data={[{ value: '', label: t('consoleOps.attempts.allChallenges') }, ...(challenges.data ?? []).map((challenge) => ({ value: challenge.id, label: challenge.name }))]}
        />
        <NativeSelect
          label={t('consoleOps.attempts.verdict')}
          value={get('verdict')}
          onChange={(change) => set({ verdict: change.currentTarget.value })}
          data={[{ value: '', label: t('consoleOps.attempts.allVerdicts') }, ...VERDICTS.map((value) => ({ value, label: t(`consoleOps.attempts.verdicts.${value}`) }))]}
        />
        <TextInput
          type="datetime-local"
          label={t('consoleOps.attempts.since')}
          value={get('since')}
          onChange={(change) => set({ since: change.currentTarget.value })}
          error={errors?.byField.since}
        />
        <TextInput
          type="datetime-local"
          label={t('consoleOps.attempts.until')}
          value={get('until')}
          onChange={(change) => set({ until: change.currentTarget.value })}
          error={errors?.byField.until}
        />
      </Group>
      <Group align="flex-end" gap="sm">
        <Checkbox
          label={t('consoleOps.attempts.sharedOnly')}
          checked={get('shared') === 'true'}
          onChange={(change) => set({ shared: change.currentTarget.checked ? 'true' : '' })}
        />
        <NumberInput
          label={t('consoleOps.attempts.window')}
          description={t('consoleOps.attempts.windowHint')}
          value={windowMinutes}
          min={1}
          max={1440}
          allowDecimal={false}
          onChange={(value) => set({ window: value === '' || Number(value) === DEFAULT_WINDOW_MINUTES ? '' : String(value) })}
          error={errors?.byField.windowSeconds}
          w={200}
        />
      </Group>
      {errors && errors.rest.length + Object.keys(errors.byField).length > 0 && (
        <Alert color="red" role="alert">
          {[...Object.values(errors.byField), ...errors.rest].join(' ') || t('errors.loadFailed')}
        </Alert>
      )}
      <TableScroll label={t('consoleOps.attempts.title')}>
        <Table miw={820} striped aria-label={t('consoleOps.attempts.title')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('consoleOps.attempts.when')}</Table.Th>
              <Table.Th>{t('consoleOps.attempts.team')}</Table.Th>
              <Table.Th>{t('consoleOps.attempts.user')}</Table.Th>
              <Table.Th>{t('consoleOps.attempts.challenge')}</Table.Th>
              <Table.Th>{t('consoleOps.attempts.verdict')}</Table.Th>
              <Table.Th>{t('consoleOps.attempts.submission')}</Table.Th>
              <Table.Th>{t('consoleOps.attempts.sharing')}</Table.Th>
              <Table.Th>{t('consoleOps.attempts.ip')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => (
              <Table.Tr key={row.id}>
                <Table.Td>
                  <DateTime value={row.createdAt} />
                  {row.count > 1 && (
                    <Text size="xs" c="dimmed">
                      {t('consoleOps.attempts.repeated', { count: row.count })}
                    </Text>
                  )}
                </Table.Td>
                {/* Names and submissions are participants' text: rendered as text, markup stays inert. */}
                <Table.Td>{row.teamName}</Table.Td>
                <Table.Td>{row.userName ?? row.userId}</Table.Td>
                <Table.Td>{row.challengeName}</Table.Td>
                <Table.Td>
                  <Badge color={VERDICT_COLOURS[row.verdict]} variant="light">
                    {t(`consoleOps.attempts.verdicts.${row.verdict}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Code style={{ wordBreak: 'break-all' }}>{row.submission}</Code>
                </Table.Td>
                <Table.Td>
                  {row.sharedWith > 0 && (
                    <Badge color="orange" variant="filled">
                      {t('consoleOps.attempts.sharedWith', { count: row.sharedWith })}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>{row.ip}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </TableScroll>
      {log.isSuccess && rows.length === 0 && <Text c="dimmed">{t('consoleOps.attempts.none')}</Text>}
      <Group justify="space-between">
        <Badge variant="light">{t('consoleOps.attempts.total', { count: total })}</Badge>
        {total > OPS_PAGE && (
          <Pagination
            total={Math.ceil(total / OPS_PAGE)}
            value={page}
            onChange={(next) => set({ page: String(next) })}
            getControlProps={(control) => ({ 'aria-label': t(`console.registrations.pages.${control}`) })}
            getItemProps={(number) => ({ 'aria-label': t('console.registrations.pages.page', { number }) })}
          />
        )}
      </Group>
    </Stack>
  );
}
