import { Alert, Button, Group, NativeSelect, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateTime } from '../../components/date-time';
import classes from './ad.module.css';
import { ChecksFilter, useChecks, useVulnboxes } from './ad.queries';
import { ScrollBox } from './scroll-box';
import { ServiceStatusBadge } from './service-status';

/** The latest checker runs with their output (stderr and how the run ended), filtered by tick and team. */
export function ChecksTable({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const [tick, setTick] = useState('');
  const [teamId, setTeamId] = useState('');
  const parsedTick = /^\d+$/.test(tick.trim()) && Number(tick) > 0 ? Number(tick) : undefined;
  const filter: ChecksFilter = { ...(parsedTick ? { tick: parsedTick } : {}), ...(teamId ? { teamId } : {}) };
  const checks = useChecks(slug, filter);
  const teams = useVulnboxes(slug);
  const names = new Map((teams.data ?? []).map((box) => [box.teamId, box.teamName]));
  return (
    <>
      <Group align="flex-end" gap="xs" mb="sm">
        <TextInput label={t('ad.checks.tick')} inputMode="numeric" value={tick} onChange={(e) => setTick(e.currentTarget.value)} w={120} />
        <NativeSelect
          label={t('ad.checks.team')}
          value={teamId}
          onChange={(e) => setTeamId(e.currentTarget.value)}
          data={[{ value: '', label: t('ad.checks.allTeams') }, ...(teams.data ?? []).map((box) => ({ value: box.teamId, label: box.teamName }))]}
          miw={180}
        />
        <Button variant="default" onClick={() => void checks.refetch()} loading={checks.isFetching}>
          {t('ad.checks.refresh')}
        </Button>
      </Group>
      {checks.isError ? (
        <Alert color="red" role="alert">
          {t('errors.loadFailed')}
        </Alert>
      ) : checks.data?.length ? (
        <ScrollBox label={t('ad.checks.tableLabel')}>
          <Table withTableBorder striped aria-label={t('ad.checks.tableLabel')} miw={720}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('ad.checks.tick')}</Table.Th>
                <Table.Th scope="col">{t('ad.checks.team')}</Table.Th>
                <Table.Th scope="col">{t('ad.attack.service')}</Table.Th>
                <Table.Th scope="col">{t('ad.checks.action')}</Table.Th>
                <Table.Th scope="col">{t('ad.checks.status')}</Table.Th>
                <Table.Th scope="col">{t('ad.checks.output')}</Table.Th>
                <Table.Th scope="col">{t('ad.checks.duration')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {checks.data.map((check, index) => (
                <Table.Tr key={`${check.createdAt}:${index}`}>
                  <Table.Td className={classes.number}>{check.tick}</Table.Td>
                  <Table.Td className={classes.team}>{names.get(check.teamId) ?? check.teamId}</Table.Td>
                  <Table.Td>{check.service}</Table.Td>
                  <Table.Td>
                    {check.action}
                    {check.vuln > 0 && (
                      <Text span size="xs" c="dimmed">
                        {' '}
                        {t('ad.checks.vulnOf', { vuln: check.vuln, tick: check.flagTick })}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <ServiceStatusBadge status={check.status} />
                  </Table.Td>
                  <Table.Td>
                    {check.message && <Text size="sm">{check.message}</Text>}
                    {check.output && (
                      <details>
                        <summary>{t('ad.checks.showOutput')}</summary>
                        <pre className={`${classes.mono} ${classes.output}`}>{check.output}</pre>
                      </details>
                    )}
                  </Table.Td>
                  <Table.Td className={classes.number}>
                    {t('ad.checks.ms', { ms: check.durationMs })}
                    <Text size="xs" c="dimmed">
                      <DateTime value={check.createdAt} />
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollBox>
      ) : (
        <Text c="dimmed">{checks.isPending ? t('common.loading') : t('ad.checks.empty')}</Text>
      )}
    </>
  );
}
