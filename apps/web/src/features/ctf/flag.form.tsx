import { Alert, Button, Group, TextInput } from '@mantine/core';
import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNow } from '../../components/use-now';
import { AttemptOutcome, useSubmitFlag } from './challenges.queries';

function Feedback({ outcome, until }: { outcome: AttemptOutcome; until: number | null }) {
  const { t } = useTranslation();
  const now = useNow();
  if (outcome.kind === 'verdict') {
    const { status, value } = outcome.result;
    if (status === 'correct') return <Alert color="green" role="status">{t('ctf.correct', { value })}</Alert>;
    if (status === 'already_solved') return <Alert color="blue" role="status">{t('ctf.alreadySolved')}</Alert>;
    return <Alert color="red" role="status">{t('ctf.incorrect')}</Alert>;
  }
  if (outcome.status === 429) {
    const seconds = until ? Math.max(0, Math.ceil((until - now) / 1000)) : null;
    return <Alert color="orange" role="status">{seconds ? t('ctf.rateLimited', { seconds }) : t('ctf.rateLimitedNow')}</Alert>;
  }
  return <Alert color="red" role="status">{outcome.message || t('errors.loadFailed')}</Alert>;
}

export function FlagForm({ slug, challengeId }: { slug: string; challengeId: string }) {
  const { t } = useTranslation();
  const submit = useSubmitFlag(slug, challengeId);
  const [flag, setFlag] = useState('');
  const [until, setUntil] = useState<number | null>(null);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    submit.mutate(flag, {
      onSuccess: (outcome) => setUntil(outcome.kind === 'refused' && outcome.retryAfter ? Date.now() + outcome.retryAfter * 1000 : null),
    });
  };
  return (
    <form onSubmit={onSubmit} noValidate>
      <Group align="flex-end" wrap="nowrap">
        <TextInput label={t('ctf.flag')} value={flag} onChange={(e) => setFlag(e.currentTarget.value)} required autoComplete="off" style={{ flex: 1 }} />
        <Button type="submit" loading={submit.isPending} disabled={flag.trim() === ''}>
          {t('ctf.submit')}
        </Button>
      </Group>
      {submit.data && <Feedback outcome={submit.data} until={until} />}
    </form>
  );
}
