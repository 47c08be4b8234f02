import { Alert, Badge, Button, Group, Stack, Table, Text, Textarea } from '@mantine/core';
import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNow } from '../../components/use-now';
import classes from './ad.module.css';
import { FlagResult, FlagsOutcome, useSubmitFlags } from './ad.queries';
import { ScrollBox } from './scroll-box';

// The API's verdicts, each with a colour and its name.
const VERDICT_COLOURS: Record<FlagResult['status'], string> = { OK: 'green', DUP: 'blue', OWN: 'gray', OLD: 'yellow', INV: 'red' };

function Verdicts({ results }: { results: FlagResult[] }) {
  const { t } = useTranslation();
  return (
    <ScrollBox label={t('ad.flags.resultsLabel')}>
      <Table withTableBorder aria-label={t('ad.flags.resultsLabel')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('ad.flags.flag')}</Table.Th>
            <Table.Th scope="col">{t('ad.flags.verdict')}</Table.Th>
            <Table.Th scope="col">{t('ad.flags.message')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {results.map((result, index) => (
            <Table.Tr key={index}>
              <Table.Td className={classes.mono}>{result.flag}</Table.Td>
              <Table.Td>
                <Badge color={VERDICT_COLOURS[result.status]} variant="filled">
                  {result.status}
                </Badge>
              </Table.Td>
              <Table.Td>{t(`ad.verdict.${result.status}`)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollBox>
  );
}

function Refusal({ outcome, secondsLeft }: { outcome: Extract<FlagsOutcome, { kind: 'refused' }>; secondsLeft: number | null }) {
  const { t } = useTranslation();
  if (outcome.status === 429) {
    return (
      <Alert color="orange" role="status">
        {secondsLeft === null ? t('ad.flags.rateLimitedNow') : secondsLeft > 0 ? t('ad.flags.rateLimited', { seconds: secondsLeft }) : t('ad.flags.rateLimitOver')}
      </Alert>
    );
  }
  return (
    <Alert color="red" role="alert">
      {outcome.message || t('errors.loadFailed')}
    </Alert>
  );
}

/** The flag box: up to 100 flags, one per line; the API's verdict for each, and a countdown on a 429. */
export function FlagsForm({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const submit = useSubmitFlags(slug);
  const [text, setText] = useState('');
  const [until, setUntil] = useState<number | null>(null);
  const now = useNow();
  const secondsLeft = until === null ? null : Math.max(0, Math.ceil((until - now) / 1000));
  const waiting = secondsLeft !== null && secondsLeft > 0;
  const flags = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (flags.length === 0 || waiting) return;
    submit.mutate(flags, {
      onSuccess: (outcome) => setUntil(outcome.kind === 'refused' && outcome.retryAfter ? Date.now() + outcome.retryAfter * 1000 : null),
    });
  };
  const outcome = submit.data;
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="sm">
        <Textarea
          label={t('ad.flags.label')}
          description={t('ad.flags.help', { count: flags.length })}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          autosize
          minRows={4}
          maxRows={12}
          autoComplete="off"
          spellCheck={false}
          classNames={{ input: classes.mono }}
        />
        <Group>
          <Button type="submit" loading={submit.isPending} disabled={flags.length === 0 || waiting}>
            {t('ad.flags.submit')}
          </Button>
        </Group>
        {/* Verdicts are announced as they come. */}
        <div aria-live="polite">
          {outcome?.kind === 'verdicts' && <Verdicts results={outcome.results} />}
          {outcome?.kind === 'refused' && <Refusal outcome={outcome} secondsLeft={secondsLeft} />}
          {submit.isError && (
            <Alert color="red" role="alert">
              {t('errors.loadFailed')}
            </Alert>
          )}
        </div>
        {outcome?.kind === 'verdicts' && (
          <Text size="sm" c="dimmed">
            {t('ad.flags.summary', { ok: outcome.results.filter((result) => result.status === 'OK').length, count: outcome.results.length })}
          </Text>
        )}
      </Stack>
    </form>
  );
}
