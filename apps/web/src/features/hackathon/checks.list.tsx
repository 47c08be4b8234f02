import { List, Text, ThemeIcon } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Project } from './hackathon.queries';

type Check = NonNullable<Project['checks']>[number];

const MARKS: Record<Check['status'], { colour: string; mark: string }> = {
  passed: { colour: 'green', mark: '✓' },
  failed: { colour: 'red', mark: '✗' },
  pending: { colour: 'gray', mark: '…' },
};

function CheckName({ name }: { name: string }) {
  const { t } = useTranslation();
  if (name.startsWith('required-file:')) return <>{t('hackathon.checks.requiredFile', { pattern: name.slice('required-file:'.length) })}</>;
  if (name === 'size') return <>{t('hackathon.checks.size')}</>;
  if (name === 'organiser-check') return <>{t('hackathon.checks.organiser')}</>;
  return <>{name}</>;
}

/** The archive's automated checks as a checklist: a failed check warns, it never rejects the project. */
export function ChecksList({ checks }: { checks: Check[] }) {
  const { t } = useTranslation();
  if (checks.length === 0) return <Text c="dimmed">{t('hackathon.checks.none')}</Text>;
  return (
    <List spacing="xs" aria-label={t('hackathon.checks.title')}>
      {checks.map((check) => (
        <List.Item
          key={check.name}
          icon={
            <ThemeIcon color={MARKS[check.status].colour} size={22} radius="xl" aria-hidden>
              {MARKS[check.status].mark}
            </ThemeIcon>
          }
        >
          <Text span fw={500}>
            <CheckName name={check.name} />
          </Text>
          {': '}
          <Text span>{t(`hackathon.checks.status.${check.status}`)}</Text>
          <Text size="sm" c="dimmed">
            {check.message}
          </Text>
        </List.Item>
      ))}
    </List>
  );
}
