import { Alert, Button, Checkbox, Fieldset, Group, NativeSelect, Paper, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrors } from '../../../api/client';
import { FLAG_KINDS, FlagValues, flagsBody, newFlag } from './challenge-form.values';
import { useFlagTest } from './ctf-console.queries';

interface Props {
  slug: string;
  flags: FlagValues[];
  /** The save's errors by field (`flags.0.content`, `flags`). */
  errors: Record<string, string>;
  onChange: (flags: FlagValues[]) => void;
}

/**
 * The "test a submission" box: the API tries it against the flags as they are in the form (saved or not) with the
 * attempt path's trim and RE2 matcher, since the browser's regex engine is not RE2.
 */
function FlagTester({ flags, test, refusal }: { flags: FlagValues[]; test: ReturnType<typeof useFlagTest>; refusal: string[] }) {
  const { t } = useTranslation();
  const [submission, setSubmission] = useState('');
  const sent = JSON.stringify(flagsBody(flags));
  const { reset } = test;
  // An answer is about the flags it was asked with: a change to them clears it.
  useEffect(() => reset(), [sent, reset]);
  const run = () => test.mutate({ submission, flags: flagsBody(flags) });
  const describe = (index: number) => {
    const flag = flags[index];
    return flag ? t('ctfConsole.flags.matchOne', { number: index + 1, kind: t(`ctfConsole.flags.kinds.${flag.type}`) }) : '';
  };
  return (
    <Paper withBorder p="sm">
      {/* Not a form of its own (forms do not nest): a group whose button and Enter key run the test. */}
      <Stack gap="xs" role="group" aria-labelledby="flag-test-title">
        <Text fw={500} size="sm" id="flag-test-title">
          {t('ctfConsole.flags.testTitle')}
        </Text>
        <Group align="flex-end" wrap="wrap">
          <TextInput
            label={t('ctfConsole.flags.testInput')}
            description={t('ctfConsole.flags.testHint')}
            value={submission}
            onChange={(change) => setSubmission(change.currentTarget.value)}
            onKeyDown={(key) => {
              if (key.key !== 'Enter') return;
              // Enter tests the submission instead of saving the challenge.
              key.preventDefault();
              run();
            }}
            style={{ flex: 1, minWidth: 200 }}
            maxLength={1000}
          />
          <Button variant="default" onClick={run} loading={test.isPending} disabled={flags.length === 0}>
            {t('ctfConsole.flags.testButton')}
          </Button>
        </Group>
        <div role="status" aria-live="polite">
          {test.data &&
            (test.data.correct ? (
              <Alert color="green" title={t('ctfConsole.flags.correct')}>
                {test.data.matching.map(describe).join(' ')}
              </Alert>
            ) : (
              <Alert color="orange" title={t('ctfConsole.flags.incorrect')}>
                {t('ctfConsole.flags.noMatch', { submission: test.data.submission })}
              </Alert>
            ))}
        </div>
        {refusal.length > 0 && (
          <Alert color="red" role="alert">
            {refusal.join(' ')}
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}

/** Static and regex flags, each with its case rule, and the test box. */
export function FlagsEditor({ slug, flags, errors, onChange }: Props) {
  const { t } = useTranslation();
  const test = useFlagTest(slug);
  // A regex the API refuses while testing is named under its flag, as on save.
  const tested = fieldErrors(
    test.error,
    flags.map((_, index) => `flags.${index}.content`),
  );
  const testErrors = tested.byField;
  const refusal = test.isError ? (tested.rest.length > 0 ? tested.rest : [t('ctfConsole.flags.testRefused')]) : [];
  const update = (index: number, change: Partial<FlagValues>) => onChange(flags.map((flag, at) => (at === index ? { ...flag, ...change } : flag)));
  return (
    <Fieldset legend={t('ctfConsole.flags.legend')}>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t('ctfConsole.flags.help')}
        </Text>
        {flags.map((flag, index) => {
          const number = index + 1;
          return (
            <Paper key={flag.key} withBorder p="xs">
              <Stack gap="xs">
                <Group align="flex-start" wrap="wrap">
                  <NativeSelect
                    label={t('ctfConsole.flags.kind', { number })}
                    value={flag.type}
                    onChange={(change) => update(index, { type: change.currentTarget.value as FlagValues['type'] })}
                    data={FLAG_KINDS.map((kind) => ({ value: kind, label: t(`ctfConsole.flags.kinds.${kind}`) }))}
                    error={errors[`flags.${index}.type`]}
                  />
                  <TextInput
                    label={t('ctfConsole.flags.content', { number })}
                    description={flag.type === 'regex' ? t('ctfConsole.flags.regexHint') : t('ctfConsole.flags.staticHint')}
                    value={flag.content}
                    onChange={(change) => update(index, { content: change.currentTarget.value })}
                    error={testErrors[`flags.${index}.content`] ?? errors[`flags.${index}.content`]}
                    required
                    maxLength={1000}
                    style={{ flex: 1, minWidth: 200 }}
                    styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
                  />
                </Group>
                <Group justify="space-between">
                  <Checkbox
                    label={t('ctfConsole.flags.caseInsensitive', { number })}
                    checked={flag.caseInsensitive}
                    onChange={(change) => update(index, { caseInsensitive: change.currentTarget.checked })}
                  />
                  <Button variant="subtle" color="red" size="xs" onClick={() => onChange(flags.filter((_, at) => at !== index))}>
                    {t('ctfConsole.flags.remove', { number })}
                  </Button>
                </Group>
              </Stack>
            </Paper>
          );
        })}
        {errors.flags && (
          <Text c="red" size="sm" role="alert">
            {errors.flags}
          </Text>
        )}
        <Group>
          <Button variant="default" size="xs" onClick={() => onChange([...flags, newFlag('static')])}>
            {t('ctfConsole.flags.addStatic')}
          </Button>
          <Button variant="default" size="xs" onClick={() => onChange([...flags, newFlag('regex')])}>
            {t('ctfConsole.flags.addRegex')}
          </Button>
        </Group>
        <FlagTester flags={flags} test={test} refusal={refusal} />
      </Stack>
    </Fieldset>
  );
}
