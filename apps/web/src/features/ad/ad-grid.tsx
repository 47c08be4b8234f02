import { Badge, Table, Text, Tooltip, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import classes from './ad.module.css';
import { AdServiceStatus, AdStatus, AdStatusRow } from './ad.queries';
import { ScrollBox } from './scroll-box';
import { ServiceStatusBadge, useStatusLabel } from './service-status';

export function formatPoints(value: number, language: string): string {
  return new Intl.NumberFormat(language, { maximumFractionDigits: 2 }).format(value);
}

/** One team's service: its status badge, and on hover or keyboard focus the checker's last message. */
function ServiceCell({ row, service }: { row: AdStatusRow; service: AdServiceStatus }) {
  const { t } = useTranslation();
  const messageId = useId();
  const statusLabel = useStatusLabel();
  const message = service.message || t('ad.grid.noMessage');
  const label = service.tick > 0 ? t('ad.grid.messageAt', { tick: service.tick, message }) : message;
  return (
    <Table.Td>
      <Tooltip label={label} events={{ hover: true, focus: true, touch: true }} multiline maw={320} withArrow>
        <UnstyledButton
          className={classes.cell}
          aria-label={t('ad.grid.cellLabel', { team: row.teamName, service: service.name, status: statusLabel(service.status) })}
          aria-describedby={messageId}
        >
          <ServiceStatusBadge status={service.status} />
        </UnstyledButton>
      </Tooltip>
      {/* The message for screen readers, which do not see the tooltip until it opens. */}
      <VisuallyHidden id={messageId}>{label}</VisuallyHidden>
    </Table.Td>
  );
}

/**
 * Teams × services, each cell its status (colour, symbol and name) with the checker's message, and the team's attack,
 * defence, SLA and total. Scrolls sideways inside its own box when the services do not fit.
 */
export function AdGrid({ status, myTeamId, large = false }: { status: AdStatus; myTeamId: string | null; large?: boolean }) {
  const { t, i18n } = useTranslation();
  const services = status.rows[0]?.services.map((service) => service.name) ?? [];
  if (status.rows.length === 0) return <Text c="dimmed">{t('ad.grid.empty')}</Text>;
  const points = (value: number) => formatPoints(value, i18n.language);
  return (
    <ScrollBox label={t('ad.grid.label')}>
      <Table striped highlightOnHover withTableBorder miw={360} fz={large ? 'xl' : undefined} aria-label={t('ad.grid.label')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('board.rank')}</Table.Th>
            <Table.Th scope="col">{t('board.team')}</Table.Th>
            {services.map((name) => (
              <Table.Th scope="col" key={name}>
                {name}
              </Table.Th>
            ))}
            <Table.Th scope="col" className={classes.number}>
              {t('ad.grid.attack')}
            </Table.Th>
            <Table.Th scope="col" className={classes.number}>
              {t('ad.grid.defence')}
            </Table.Th>
            <Table.Th scope="col" className={classes.number}>
              {t('ad.grid.sla')}
            </Table.Th>
            <Table.Th scope="col" className={classes.number}>
              {t('ad.grid.total')}
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {status.rows.map((row, index) => (
            <Table.Tr key={row.teamId} aria-current={row.teamId === myTeamId ? 'true' : undefined}>
              <Table.Td className={classes.number}>{index + 1}</Table.Td>
              <Table.Th scope="row" className={classes.team}>
                {row.teamName}
                {row.teamId === myTeamId && (
                  <Badge ml="xs" size="xs" variant="light">
                    {t('board.yourTeam')}
                  </Badge>
                )}
              </Table.Th>
              {row.services.map((service) => (
                <ServiceCell key={service.name} row={row} service={service} />
              ))}
              <Table.Td className={classes.number}>{points(row.attack)}</Table.Td>
              <Table.Td className={classes.number}>{points(row.defence)}</Table.Td>
              <Table.Td className={classes.number}>{points(row.sla)}</Table.Td>
              <Table.Td className={classes.number} fw={700}>
                {points(row.total)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollBox>
  );
}
