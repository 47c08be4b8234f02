import { Group, List, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { SERVICE_STATUSES } from './ad.queries';
import { ServiceStatusBadge } from './service-status';

/** What each status means, for viewers new to attack-defence. */
export function AdLegend() {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="ad-legend-title">
      <Text id="ad-legend-title" fw={700} size="sm" mb={4}>
        {t('ad.legend.title')}
      </Text>
      <List spacing={4} listStyleType="none" size="sm">
        {SERVICE_STATUSES.map((status) => (
          <List.Item key={status}>
            <Group gap="xs" wrap="nowrap" align="flex-start">
              <ServiceStatusBadge status={status} style={{ flexShrink: 0 }} />
              <Text size="sm">{t(`ad.legend.${status}`)}</Text>
            </Group>
          </List.Item>
        ))}
      </List>
      <Text size="sm" c="dimmed" mt="xs">
        {t('ad.legend.scoring')}
      </Text>
    </section>
  );
}
