import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Registration } from './teams.queries';

const COLOURS: Record<Registration['status'], string> = { approved: 'green', pending: 'yellow', waitlisted: 'blue', rejected: 'red' };

export function RegistrationStatusBadge({ status }: { status: Registration['status'] }) {
  const { t } = useTranslation();
  return (
    <Badge color={COLOURS[status]} variant="light" size="lg">
      {t(`registration.status.${status}`)}
    </Badge>
  );
}
