import { Badge, BadgeProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { SERVICE_STATUSES, ServiceStatus } from './ad.queries';

// Colour and a symbol, and the status's name: never colour alone.
const LOOK: Record<ServiceStatus, { color: string; symbol: string }> = {
  OK: { color: 'green', symbol: '✓' },
  RECOVERING: { color: 'lime', symbol: '↻' },
  MUMBLE: { color: 'orange', symbol: '≈' },
  CORRUPT: { color: 'grape', symbol: '✗' },
  DOWN: { color: 'red', symbol: '↓' },
  CHECK_FAILED: { color: 'gray', symbol: '!' },
};

// A badge in a narrow table column keeps its whole name rather than an ellipsis (the column grows, the box scrolls).
const WHOLE = { root: { flexShrink: 0 }, label: { overflow: 'visible' } } as const;

export const isServiceStatus = (status: string | null): status is ServiceStatus => SERVICE_STATUSES.includes(status as ServiceStatus);

/** The visible name of a status (also part of the accessible name of what shows it). */
export function useStatusLabel(): (status: string | null) => string {
  const { t } = useTranslation();
  return (status) => (isServiceStatus(status) ? t(`ad.status.${status}`) : t('ad.status.none'));
}

/** A service status as a badge: its colour, a symbol (hidden from screen readers) and its name. */
export function ServiceStatusBadge({ status, ...props }: { status: string | null } & BadgeProps) {
  const { t } = useTranslation();
  if (!isServiceStatus(status)) {
    return (
      <Badge color="gray" variant="outline" styles={WHOLE} {...props}>
        {t('ad.status.none')}
      </Badge>
    );
  }
  const look = LOOK[status];
  return (
    <Badge color={look.color} variant={status === 'OK' ? 'light' : 'filled'} leftSection={<span aria-hidden="true">{look.symbol}</span>} styles={WHOLE} {...props}>
      {t(`ad.status.${status}`)}
    </Badge>
  );
}
