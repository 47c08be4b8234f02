import { Alert, Button, Checkbox, Fieldset, FileInput, Group, NativeSelect, NumberInput, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { initialTaskValues, LAYOUTS, LIMITS, METRICS, RUNTIMES, sandboxed, SUBMISSION_TYPES, TaskFile, TaskFormValues, taskErrors } from './ai-task-form.values';
import { timeZones, wallTimeToIso } from './zoned-time';
import { DescriptionField } from './description.field';

interface Props {
  onSubmit: (values: TaskFormValues) => void;
  pending: boolean;
  /** The API's messages of the last refusal. */
  messages?: string | string[];
}

const ACCEPT: Record<TaskFile, string> = {
  groundTruth: '.csv,text/csv',
  scorer: '.zip,.py,.sh,application/zip,text/x-python',
  referenceData: '*',
  privateReferenceData: '*',
  testInputs: '.zip,application/zip',
};

/** A new AI task: its description, metric, split, limits, window and files; the API's 400s go next to their fields. */
export function AiTaskForm({ onSubmit, pending, messages }: Props) {
  const { t } = useTranslation();
  const [values, setValues] = useState<TaskFormValues>(initialTaskValues);
  const zones = useMemo(() => timeZones(), []);
  const { byField, rest } = taskErrors(messages);
  const set =
    <K extends keyof TaskFormValues>(field: K) =>
    (value: TaskFormValues[K]) =>
      setValues((old) => ({ ...old, [field]: value }));
  const text =
    (field: 'name' | 'description' | 'idColumn' | 'targetColumn' | 'splitColumn' | 'scorerCommand' | 'scoreKey' | 'opensAt' | 'closesAt') =>
    (change: { currentTarget: { value: string } }) =>
      set(field)(change.currentTarget.value);
  const file = (name: TaskFile, required = false) => (
    <FileInput
      label={t(`consoleAi.form.files.${name}`)}
      description={t(`consoleAi.form.files.${name}Hint`)}
      accept={ACCEPT[name]}
      value={values.files[name] ?? null}
      onChange={(chosen) => setValues((old) => ({ ...old, files: { ...old.files, [name]: chosen } }))}
      error={byField[name]}
      required={required}
    />
  );
  const time = (field: 'opensAt' | 'closesAt') => {
    const iso = wallTimeToIso(values[field], values.timeZone);
    return (
      <TextInput
        type="datetime-local"
        label={t(`consoleAi.form.${field}`)}
        value={values[field]}
        onChange={text(field)}
        description={iso ? t('console.form.utcHint', { time: iso.slice(0, 16).replace('T', ' ') }) : t(`consoleAi.form.${field}Default`)}
        error={byField[field]}
      />
    );
  };
  const custom = values.metric === 'custom';
  const submit = (formEvent: FormEvent) => {
    formEvent.preventDefault();
    onSubmit(values);
  };
  return (
    <form onSubmit={submit} noValidate aria-label={t('consoleAi.form.title')}>
      <Stack gap="lg">
        <Fieldset legend={t('consoleAi.form.basics')}>
          <Stack gap="sm">
            <TextInput label={t('consoleAi.form.name')} value={values.name} onChange={text('name')} error={byField.name} required maxLength={128} />
            <DescriptionField label={t('consoleAi.form.description')} value={values.description} onChange={text('description')} error={byField.description} />
          </Stack>
        </Fieldset>

        <Fieldset legend={t('consoleAi.form.scoring')}>
          <Stack gap="sm">
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <NativeSelect
                label={t('consoleAi.form.metric')}
                value={values.metric}
                onChange={(change) => set('metric')(change.currentTarget.value as TaskFormValues['metric'])}
                data={METRICS.map((metric) => ({ value: metric, label: t(`consoleAi.metrics.${metric}`) }))}
                error={byField.metric}
              />
              {values.metric === 'map_at_k' && (
                <NumberInput label={t('consoleAi.form.k')} value={values.k} onChange={set('k')} min={1} max={1000} allowDecimal={false} error={byField.k} placeholder="10" />
              )}
              <TextInput label={t('consoleAi.form.idColumn')} value={values.idColumn} onChange={text('idColumn')} error={byField.idColumn} required maxLength={128} />
              <TextInput
                label={t('consoleAi.form.targetColumn')}
                value={values.targetColumn}
                onChange={text('targetColumn')}
                error={byField.targetColumn}
                required
                maxLength={128}
              />
              <NativeSelect
                label={t('consoleAi.form.split')}
                value={values.split}
                onChange={(change) => set('split')(change.currentTarget.value as TaskFormValues['split'])}
                data={[
                  { value: 'column', label: t('consoleAi.form.splitByColumn') },
                  { value: 'fraction', label: t('consoleAi.form.splitByFraction') },
                ]}
              />
              {values.split === 'column' ? (
                <TextInput
                  label={t('consoleAi.form.splitColumn')}
                  description={t('consoleAi.form.splitColumnHint')}
                  value={values.splitColumn}
                  onChange={text('splitColumn')}
                  error={byField.splitColumn}
                  maxLength={128}
                />
              ) : (
                <NumberInput
                  label={t('consoleAi.form.publicFraction')}
                  description={t('consoleAi.form.publicFractionHint')}
                  value={values.publicFraction}
                  onChange={set('publicFraction')}
                  min={0}
                  max={1}
                  step={0.05}
                  decimalScale={3}
                  placeholder="0.3"
                  error={byField.publicFraction}
                />
              )}
            </SimpleGrid>
            {file('groundTruth', true)}
            {custom && (
              <Stack gap="sm">
                <SimpleGrid cols={{ base: 1, sm: 2 }}>
                  <NativeSelect
                    label={t('consoleAi.form.scorerLayout')}
                    value={values.scorerLayout}
                    onChange={(change) => set('scorerLayout')(change.currentTarget.value as TaskFormValues['scorerLayout'])}
                    data={LAYOUTS.map((layout) => ({ value: layout, label: t(`consoleAi.layouts.${layout}`) }))}
                    error={byField.scorerLayout}
                  />
                  <TextInput
                    label={t('consoleAi.form.scorerCommand')}
                    description={t('consoleAi.form.scorerCommandHint')}
                    value={values.scorerCommand}
                    onChange={text('scorerCommand')}
                    error={byField.scorerCommand}
                    maxLength={500}
                  />
                  <TextInput
                    label={t('consoleAi.form.scoreKey')}
                    description={t('consoleAi.form.scoreKeyHint')}
                    value={values.scoreKey}
                    onChange={text('scoreKey')}
                    error={byField.scoreKey}
                    maxLength={128}
                  />
                  <Checkbox
                    label={t('consoleAi.form.higherIsBetter')}
                    checked={values.higherIsBetter}
                    onChange={(change) => set('higherIsBetter')(change.currentTarget.checked)}
                    error={byField.higherIsBetter}
                    mt="lg"
                  />
                </SimpleGrid>
                {file('scorer', true)}
                {values.scorerLayout === 'codalab' && (
                  <>
                    {file('referenceData', true)}
                    {file('privateReferenceData')}
                  </>
                )}
              </Stack>
            )}
          </Stack>
        </Fieldset>

        <Fieldset legend={t('consoleAi.form.submissions')}>
          <Stack gap="sm">
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <NativeSelect
                label={t('consoleAi.form.submissionType')}
                value={values.submissionType}
                onChange={(change) => set('submissionType')(change.currentTarget.value as TaskFormValues['submissionType'])}
                data={SUBMISSION_TYPES.map((type) => ({ value: type, label: t(`consoleAi.types.${type}`) }))}
                error={byField.submissionType}
              />
              <NumberInput
                label={t('consoleAi.form.maxDailySubmissions')}
                description={t('consoleAi.form.noLimitHint')}
                value={values.maxDailySubmissions}
                onChange={set('maxDailySubmissions')}
                min={1}
                max={10000}
                allowDecimal={false}
                error={byField.maxDailySubmissions}
              />
              <NumberInput
                label={t('consoleAi.form.maxSubmissions')}
                description={t('consoleAi.form.noLimitHint')}
                value={values.maxSubmissions}
                onChange={set('maxSubmissions')}
                min={1}
                max={1000000}
                allowDecimal={false}
                error={byField.maxSubmissions}
              />
            </SimpleGrid>
            <Text size="sm" c="dimmed">
              {t('consoleAi.form.platformLimits')}
            </Text>
            {values.submissionType === 'code' && file('testInputs', true)}
            {sandboxed(values) && (
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <NativeSelect
                  label={t('consoleAi.form.runtime')}
                  value={values.runtime}
                  onChange={(change) => set('runtime')(change.currentTarget.value as TaskFormValues['runtime'])}
                  data={RUNTIMES.map((runtime) => ({ value: runtime, label: t(`consoleAi.runtimes.${runtime}`) }))}
                  error={byField.runtime}
                />
                {LIMITS.map((limit) => (
                  <NumberInput
                    key={limit}
                    label={t(`consoleAi.form.limits.${limit}`)}
                    value={values.limits[limit]}
                    onChange={(value) => setValues((old) => ({ ...old, limits: { ...old.limits, [limit]: value } }))}
                    min={1}
                    allowDecimal={false}
                    error={byField[`limits.${limit}`]}
                  />
                ))}
              </SimpleGrid>
            )}
          </Stack>
        </Fieldset>

        <Fieldset legend={t('consoleAi.form.window')}>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <NativeSelect label={t('console.form.timeZone')} value={values.timeZone} onChange={(change) => set('timeZone')(change.currentTarget.value)} data={zones} />
            {time('opensAt')}
            {time('closesAt')}
          </SimpleGrid>
        </Fieldset>

        <Group>
          <Button type="submit" loading={pending}>
            {t('consoleAi.form.create')}
          </Button>
        </Group>
        {rest.length > 0 && (
          <Alert color="red" role="alert">
            {rest.join(' ')}
          </Alert>
        )}
        {Object.keys(byField).length > 0 && (
          <Alert color="red" role="alert">
            {t('console.form.fixFields')}
          </Alert>
        )}
      </Stack>
    </form>
  );
}
