import { Code, Group, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import classes from './ad.module.css';
import { AttackInfo } from './ad.queries';
import { ScrollBox } from './scroll-box';

/** Per team and service, the public flag ids of the ticks whose flags are still worth stealing. */
export function AttackInfoTable({ info, myTeamId }: { info: AttackInfo; myTeamId: string | null }) {
  const { t } = useTranslation();
  const teams = info.teams.filter((team) => team.teamId !== myTeamId);
  if (teams.length === 0) return <Text c="dimmed">{t('ad.attack.empty')}</Text>;
  return (
    <ScrollBox label={t('ad.attack.tableLabel')}>
      <Table withTableBorder aria-label={t('ad.attack.tableLabel')} miw={360}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('board.team')}</Table.Th>
            <Table.Th scope="col">{t('ad.attack.host')}</Table.Th>
            <Table.Th scope="col">{t('ad.attack.service')}</Table.Th>
            <Table.Th scope="col">{t('ad.attack.flagIds')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {teams.flatMap((team) =>
            team.services.map((service, index) => (
              <Table.Tr key={`${team.teamId}:${service.name}`}>
                {index === 0 && (
                  <Table.Th scope="rowgroup" rowSpan={team.services.length} className={classes.team}>
                    {team.teamName}
                  </Table.Th>
                )}
                {index === 0 && (
                  <Table.Td rowSpan={team.services.length} className={classes.mono} style={{ whiteSpace: 'nowrap' }}>
                    {team.host}
                  </Table.Td>
                )}
                <Table.Td>{service.name}</Table.Td>
                <Table.Td>
                  <Group gap="xs">
                    {service.flagIds.map((flag) => (
                      <Text key={`${flag.tick}:${flag.vuln}`} span size="sm">
                        {t('ad.attack.flagAt', { tick: flag.tick, vuln: flag.vuln })} <Code className={classes.mono}>{flag.flagId}</Code>
                      </Text>
                    ))}
                  </Group>
                </Table.Td>
              </Table.Tr>
            )),
          )}
        </Table.Tbody>
      </Table>
    </ScrollBox>
  );
}
