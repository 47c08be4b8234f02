import { Button, Fieldset, Group, NumberInput, Paper, Stack, Text, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { HintValues, newHint } from './challenge-form.values';

interface Props {
  hints: HintValues[];
  errors: Record<string, string>;
  onChange: (hints: HintValues[]) => void;
}

/** Hints in the order teams see them, each with the points it costs to unlock (0: free, shown to everyone). */
export function HintsEditor({ hints, errors, onChange }: Props) {
  const { t } = useTranslation();
  const update = (index: number, change: Partial<HintValues>) => onChange(hints.map((hint, at) => (at === index ? { ...hint, ...change } : hint)));
  return (
    <Fieldset legend={t('ctfConsole.hints.legend')}>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t('ctfConsole.hints.help')}
        </Text>
        {hints.map((hint, index) => {
          const number = index + 1;
          return (
            <Paper key={hint.key} withBorder p="xs">
              <Stack gap="xs">
                <Textarea
                  label={t('ctfConsole.hints.content', { number })}
                  value={hint.content}
                  onChange={(change) => update(index, { content: change.currentTarget.value })}
                  error={errors[`hints.${index}.content`]}
                  autosize
                  minRows={2}
                  required
                  maxLength={10_000}
                />
                <Group justify="space-between" align="flex-end">
                  <NumberInput
                    label={t('ctfConsole.hints.cost', { number })}
                    value={hint.cost}
                    onChange={(value) => update(index, { cost: value === '' ? '' : Number(value) })}
                    error={errors[`hints.${index}.cost`]}
                    min={0}
                    max={1_000_000}
                    allowDecimal={false}
                    allowNegative={false}
                    w={180}
                  />
                  <Button variant="subtle" color="red" size="xs" onClick={() => onChange(hints.filter((_, at) => at !== index))}>
                    {t('ctfConsole.hints.remove', { number })}
                  </Button>
                </Group>
              </Stack>
            </Paper>
          );
        })}
        {errors.hints && (
          <Text c="red" size="sm" role="alert">
            {errors.hints}
          </Text>
        )}
        <Group>
          <Button variant="default" size="xs" onClick={() => onChange([...hints, newHint()])}>
            {t('ctfConsole.hints.add')}
          </Button>
        </Group>
      </Stack>
    </Fieldset>
  );
}
