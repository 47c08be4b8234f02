import { Alert, Button, Group, TextInput } from '@mantine/core';
import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNow } from '../../components/use-now';
import { AttemptOutcome, useSubmitFlag } from './challenges.queries';

function Feedback({ outcome, secondsLeft }: { outcome: AttemptOutcome; secondsLeft: number | null }) {
  const { t } = useTranslation();
  if (outcome.kind === 'verdict') {
    const { status, value } = outcome.result;
    if (status === 'correct')
      return (
        <Alert color="green" role="status">
          {t('ctf.correct', { value })}
        </Alert>
      );
    if (status === 'already_solved')
      return (
        <Alert color="blue" role="status">
          {t('ctf.alreadySolved')}
        </Alert>
      );
    return (
      <Alert color="red" role="status">
        {t('ctf.incorrect')}
      </Alert>
    );
  }
  if (outcome.status === 429) {
    if (secondsLeft === null)
      return (
        <Alert color="orange" role="status">
          {t('ctf.rateLimitedNow')}
        </Alert>
      );
    return (
      <Alert color="orange" role="status">
        {secondsLeft > 0 ? t('ctf.rateLimited', { seconds: secondsLeft }) : t('ctf.rateLimitOver')}
      </Alert>
    );
  }
  return (
    <Alert color="red" role="status">
      {outcome.message || t('errors.loadFailed')}
    </Alert>
  );
}

/** The flag form: the API's verdict, attempts left as it counts them, and a countdown from Retry-After on a 429. */
export function FlagForm({ slug, challengeId, attemptsLeft }: { slug: string; challengeId: string; attemptsLeft: number | null | undefined }) {
  const { t } = useTranslation();
  const submit = useSubmitFlag(slug, challengeId);
  const [flag, setFlag] = useState('');
  const [until, setUntil] = useState<number | null>(null);
  const now = useNow();
  const secondsLeft = until === null ? null : Math.max(0, Math.ceil((until - now) / 1000));
  const waiting = secondsLeft !== null && secondsLeft > 0;
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (flag.trim() === '' || waiting) return;
    submit.mutate(flag, {
      onSuccess: (outcome) => setUntil(outcome.kind === 'refused' && outcome.retryAfter ? Date.now() + outcome.retryAfter * 1000 : null),
    });
  };
  return (
    <form onSubmit={onSubmit} noValidate>
      <Group align="flex-end" wrap="nowrap" mb="xs">
        <TextInput
          label={t('ctf.flag')}
          description={typeof attemptsLeft === 'number' ? t('ctf.attemptsLeft', { count: attemptsLeft }) : undefined}
          value={flag}
          onChange={(e) => setFlag(e.currentTarget.value)}
          required
          autoComplete="off"
          spellCheck={false}
          style={{ flex: 1, minWidth: 0 }}
        />
        <Button type="submit" loading={submit.isPending} disabled={flag.trim() === '' || waiting}>
          {t('ctf.submit')}
        </Button>
      </Group>
      {submit.data && <Feedback outcome={submit.data} secondsLeft={secondsLeft} />}
      {submit.isError && (
        <Alert color="red" role="status">
          {t('errors.loadFailed')}
        </Alert>
      )}
    </form>
  );
}
