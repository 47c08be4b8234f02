import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { Markdown } from '../../components/markdown';
import { Challenge, useUnlockHint } from './challenges.queries';

type Hint = Challenge['hints'][number];

function LockedHint({ slug, hint, index }: { slug: string; hint: Hint; index: number }) {
  const { t } = useTranslation();
  const unlock = useUnlockHint(slug);
  const [confirming, setConfirming] = useState(false);
  const failure = unlock.error as ApiError | null;
  if (!confirming) {
    return (
      <Group justify="space-between" wrap="wrap">
        <Text>{t('ctf.hintLocked', { number: index + 1, cost: hint.cost })}</Text>
        <Button variant="light" size="xs" onClick={() => setConfirming(true)}>
          {t('ctf.unlockHint', { number: index + 1 })}
        </Button>
      </Group>
    );
  }
  // The confirmation names the cost before anything is deducted.
  return (
    <Alert color="yellow" title={t('ctf.unlockTitle', { number: index + 1 })}>
      <Stack gap="xs">
        <Text size="sm">{t('ctf.unlockCost', { cost: hint.cost })}</Text>
        {failure && (
          <Text size="sm" c="red" role="status">
            {[failure.message ?? t('errors.loadFailed')].flat().join(' ')}
          </Text>
        )}
        <Group gap="xs">
          <Button size="xs" color="yellow" loading={unlock.isPending} autoFocus onClick={() => unlock.mutate(hint.id)}>
            {t('ctf.unlockConfirm', { cost: hint.cost })}
          </Button>
          <Button size="xs" variant="default" onClick={() => setConfirming(false)}>
            {t('ctf.cancel')}
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}

/** A challenge's hints: the content of unlocked and free ones, and an unlock with a confirmation for the others. */
export function HintsList({ slug, hints }: { slug: string; hints: Hint[] }) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm" component="ol" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
      {hints.map((hint, index) => (
        <li key={hint.id}>
          {hint.content !== undefined ? (
            <div>
              <Text size="sm" fw={600}>
                {hint.cost > 0 ? t('ctf.hintUnlocked', { number: index + 1, cost: hint.cost }) : t('ctf.hintFree', { number: index + 1 })}
              </Text>
              <Markdown>{hint.content}</Markdown>
            </div>
          ) : (
            <LockedHint slug={slug} hint={hint} index={index} />
          )}
        </li>
      ))}
    </Stack>
  );
}
