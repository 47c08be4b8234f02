import { Alert, Button, Checkbox, Fieldset, Group, NativeSelect, NumberInput, Paper, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, fieldErrors } from '../../../api/client';
import { Markdown } from '../../../components/markdown';
import { ChallengeFormValues, formFields, initialValues, STATES, toBody } from './challenge-form.values';
import { ChallengeDetail, CreateChallengeBody } from './ctf-console.queries';
import { FlagsEditor } from './flags.editor';
import { HintsEditor } from './hints.editor';
import { ValueFieldset } from './value.fieldset';

interface Props {
  slug: string;
  /** The challenge being edited; none for a new one. */
  challenge?: ChallengeDetail;
  /** The event's other challenges, the possible prerequisites. */
  others: string[];
  onSubmit: (body: CreateChallengeBody) => void;
  pending: boolean;
  error: unknown;
  saved: boolean;
}

/**
 * The API's messages by field. Besides fieldErrors' "field must …" forms, some name their field with a colon
 * ("requirements: no challenge named …"), and a taken name is a 409 whose message starts with the name itself.
 */
function challengeErrors(error: unknown, fields: string[]): { byField: Record<string, string>; rest: string[] } {
  const { byField, rest } = fieldErrors(error, fields);
  const left: string[] = [];
  for (const message of rest) {
    const field = (error as ApiError | undefined)?.code === 'challenge-name-taken' ? 'name' : fields.find((name) => message.startsWith(`${name}:`));
    if (field && !byField[field]) byField[field] = message;
    else left.push(message);
  }
  return { byField, rest: left };
}

/** Creates or edits a challenge; every 400 goes next to its field, the rest above the save button. */
export function ChallengeForm({ slug, challenge, others, onSubmit, pending, error, saved }: Props) {
  const { t } = useTranslation();
  const [values, setValues] = useState<ChallengeFormValues>(() => initialValues(challenge));
  const change = (patch: Partial<ChallengeFormValues>) => setValues((old) => ({ ...old, ...patch }));
  const text = (field: 'name' | 'category' | 'description' | 'connectionInfo' | 'author' | 'tags') => (event: { currentTarget: { value: string } }) => {
    const value = event.currentTarget.value;
    setValues((old) => ({ ...old, [field]: value }));
  };
  const { byField, rest } = challengeErrors(error, formFields(values));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit(toBody(values, Boolean(challenge)));
  };
  return (
    <form onSubmit={submit} noValidate aria-label={challenge ? t('ctfConsole.editor.editTitle', { name: challenge.name }) : t('ctfConsole.editor.newTitle')}>
      <Stack gap="lg">
        <Fieldset legend={t('ctfConsole.editor.basics')}>
          <Stack gap="sm">
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput label={t('ctfConsole.editor.name')} value={values.name} onChange={text('name')} error={byField.name} required maxLength={128} />
              <TextInput
                label={t('ctfConsole.editor.category')}
                description={t('ctfConsole.editor.categoryHint')}
                value={values.category}
                onChange={text('category')}
                error={byField.category}
                required
                maxLength={64}
              />
            </SimpleGrid>
            <SimpleGrid cols={{ base: 1, lg: 2 }}>
              <Textarea
                label={t('ctfConsole.editor.description')}
                description={t('ctfConsole.editor.descriptionHint')}
                value={values.description}
                onChange={text('description')}
                error={byField.description}
                autosize
                minRows={8}
                maxLength={65_536}
                styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
              />
              {/* The live preview: the same renderer the players' page uses, so raw HTML shows as text. */}
              <section aria-labelledby="description-preview-title">
                <Text size="sm" fw={500} id="description-preview-title" mb={4}>
                  {t('ctfConsole.editor.preview')}
                </Text>
                <Paper withBorder p="sm" mih={120} style={{ overflowWrap: 'anywhere' }}>
                  {values.description.trim() ? <Markdown>{values.description}</Markdown> : <Text c="dimmed">{t('ctfConsole.editor.nothingToPreview')}</Text>}
                </Paper>
              </section>
            </SimpleGrid>
          </Stack>
        </Fieldset>

        <ValueFieldset values={values} errors={byField} onChange={change} />
        <FlagsEditor slug={slug} flags={values.flags} errors={byField} onChange={(flags) => change({ flags })} />
        <HintsEditor hints={values.hints} errors={byField} onChange={(hints) => change({ hints })} />

        <Fieldset legend={t('ctfConsole.editor.access')}>
          <Stack gap="sm">
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <NativeSelect
                label={t('ctfConsole.editor.state')}
                description={t('ctfConsole.editor.stateHint')}
                value={values.state}
                onChange={(event) => change({ state: event.currentTarget.value as ChallengeFormValues['state'] })}
                data={STATES.map((state) => ({ value: state, label: t(`ctfConsole.states.${state}`) }))}
                error={byField.state}
              />
              <NumberInput
                label={t('ctfConsole.editor.maxAttempts')}
                description={t('ctfConsole.editor.maxAttemptsHint')}
                value={values.maxAttempts}
                onChange={(value) => change({ maxAttempts: value === '' ? '' : Number(value) })}
                error={byField.maxAttempts}
                min={0}
                max={1_000_000}
                allowDecimal={false}
                allowNegative={false}
              />
            </SimpleGrid>
            {others.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('ctfConsole.editor.noPrerequisites')}
              </Text>
            ) : (
              <Checkbox.Group
                label={t('ctfConsole.editor.requirements')}
                description={t('ctfConsole.editor.requirementsHint')}
                value={values.requirements}
                onChange={(requirements) => change({ requirements })}
                error={byField.requirements}
              >
                <Group mt="xs" gap="md">
                  {others.map((name) => (
                    <Checkbox key={name} value={name} label={name} />
                  ))}
                </Group>
              </Checkbox.Group>
            )}
            <TextInput
              label={t('ctfConsole.editor.connectionInfo')}
              description={t('ctfConsole.editor.connectionInfoHint')}
              value={values.connectionInfo}
              onChange={text('connectionInfo')}
              error={byField.connectionInfo}
              maxLength={1000}
            />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput label={t('ctfConsole.editor.author')} value={values.author} onChange={text('author')} error={byField.author} maxLength={200} />
              <TextInput label={t('ctfConsole.editor.tags')} description={t('ctfConsole.editor.tagsHint')} value={values.tags} onChange={text('tags')} error={byField.tags} />
            </SimpleGrid>
          </Stack>
        </Fieldset>

        {Boolean(error) && (
          <Alert color="red" role="alert">
            {[Object.keys(byField).length > 0 ? t('ctfConsole.editor.fixFields') : '', ...rest].filter(Boolean).join(' ') || t('ctfConsole.editor.failed')}
          </Alert>
        )}
        {saved && (
          <Alert color="green" role="status">
            {t('ctfConsole.editor.saved')}
          </Alert>
        )}
        <Group>
          <Button type="submit" loading={pending}>
            {challenge ? t('ctfConsole.editor.save') : t('ctfConsole.editor.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
