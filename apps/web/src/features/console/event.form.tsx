import { Alert, Button, Checkbox, Fieldset, Group, NativeSelect, NumberInput, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrors } from '../../api/client';
import type { ArenaEvent } from '../events/events.queries';
import { APPROVALS, EventFormValues, FORM_FIELDS, initialValues, inZone, KINDS, toBody, VISIBILITIES } from './event-form.values';
import { QuestionsEditor } from './questions.editor';
import { timeZones, wallTimeToIso } from './zoned-time';
import { DescriptionField } from './description.field';

interface Props {
  /** The event being edited; none for a new one. */
  event?: ArenaEvent;
  onSubmit: (body: ReturnType<typeof toBody>, kind: EventFormValues['kind']) => void;
  pending: boolean;
  error: unknown;
  saved: boolean;
}

/** A wall-clock time in the chosen zone, with the instant it stands for in UTC underneath. */
function TimeField({
  label,
  value,
  zone,
  error,
  required,
  onChange,
}: {
  label: string;
  value: string;
  zone: string;
  error?: string;
  required?: boolean;
  onChange: (value: string) => void;
}) {
  const { t } = useTranslation();
  const iso = wallTimeToIso(value, zone);
  return (
    <TextInput
      type="datetime-local"
      label={label}
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
      description={iso ? t('console.form.utcHint', { time: iso.slice(0, 16).replace('T', ' ') }) : t('console.form.inZone', { zone })}
      error={error}
      required={required}
    />
  );
}

/** Creates or edits an event of any kind; the API's 400s (and a taken slug) go next to their fields. */
export function EventForm({ event, onSubmit, pending, error, saved }: Props) {
  const { t } = useTranslation();
  const [values, setValues] = useState<EventFormValues>(() => initialValues(event));
  const zones = useMemo(() => timeZones(), []);
  const set =
    <K extends keyof EventFormValues>(field: K) =>
    (value: EventFormValues[K]) =>
      setValues((old) => ({ ...old, [field]: value }));
  const text = (field: 'title' | 'slug' | 'description' | 'eligibleCountries' | 'divisions') => (change: { currentTarget: { value: string } }) =>
    set(field)(change.currentTarget.value);
  const { byField, rest } = fieldErrors(error, FORM_FIELDS);
  const submit = (formEvent: FormEvent) => {
    formEvent.preventDefault();
    onSubmit(toBody(values, event), values.kind);
  };
  const time = (field: 'startsAt' | 'endsAt' | 'freezeAt' | 'opensAt' | 'closesAt', errorField: string, required = false) => (
    <TimeField label={t(`console.form.times.${field}`)} value={values[field]} zone={values.timeZone} error={byField[errorField]} required={required} onChange={set(field)} />
  );
  return (
    <form onSubmit={submit} noValidate aria-label={event ? t('console.settings.title') : t('console.create.title')}>
      <Stack gap="lg">
        <Fieldset legend={t('console.form.basics')}>
          <Stack gap="sm">
            <NativeSelect
              label={t('console.form.kind')}
              value={values.kind}
              onChange={(change) => set('kind')(change.currentTarget.value as EventFormValues['kind'])}
              data={KINDS.map((kind) => ({ value: kind, label: t(`events.kind.${kind}`) }))}
              error={byField.kind}
              disabled={Boolean(event)}
              description={event ? t('console.form.kindFixed') : undefined}
            />
            <TextInput label={t('console.form.title')} value={values.title} onChange={text('title')} error={byField.title} required maxLength={200} />
            <TextInput
              label={t('console.form.slug')}
              description={t('console.form.slugHint')}
              value={values.slug}
              onChange={text('slug')}
              error={byField.slug}
              required
              maxLength={63}
            />
            <DescriptionField label={t('console.form.description')} value={values.description} onChange={text('description')} error={byField.description} />
          </Stack>
        </Fieldset>

        <Fieldset legend={t('console.form.schedule')}>
          <Stack gap="sm">
            <NativeSelect
              label={t('console.form.timeZone')}
              description={event ? t('console.form.timeZoneHintEdit') : t('console.form.timeZoneHint')}
              value={values.timeZone}
              onChange={(change) => {
                const zone = change.currentTarget.value;
                // A new event's times are read in the zone chosen; an existing one's stay the same instants.
                setValues((old) => (event ? inZone(old, zone) : { ...old, timeZone: zone }));
              }}
              data={zones}
            />
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              {time('startsAt', 'startsAt', true)}
              {time('endsAt', 'endsAt', true)}
              {time('freezeAt', 'freezeAt')}
            </SimpleGrid>
          </Stack>
        </Fieldset>

        <Fieldset legend={t('console.form.registration')}>
          <Stack gap="sm">
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              {time('opensAt', 'registration.opensAt')}
              {time('closesAt', 'registration.closesAt')}
              <NativeSelect
                label={t('console.form.approval')}
                value={values.approval}
                onChange={(change) => set('approval')(change.currentTarget.value as EventFormValues['approval'])}
                data={APPROVALS.map((mode) => ({ value: mode, label: t(`console.form.approvals.${mode}`) }))}
                error={byField['registration.approval']}
              />
              <NumberInput
                label={t('console.form.capacity')}
                description={t('console.form.capacityHint')}
                value={values.capacity}
                onChange={set('capacity')}
                min={1}
                allowDecimal={false}
                error={byField['registration.capacity']}
              />
            </SimpleGrid>
            <TextInput
              label={t('console.form.eligibleCountries')}
              description={t('console.form.eligibleCountriesHint')}
              value={values.eligibleCountries}
              onChange={text('eligibleCountries')}
              error={byField['registration.eligibleCountries']}
            />
            <Text fw={500} size="sm">
              {t('console.form.questions')}
            </Text>
            <QuestionsEditor questions={values.questions} onChange={set('questions')} error={byField['registration.questions']} />
          </Stack>
        </Fieldset>

        <Fieldset legend={t('console.form.teamsAndVisibility')}>
          <Stack gap="sm">
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <NumberInput
                label={t('console.form.minSize')}
                value={values.minSize}
                onChange={set('minSize')}
                min={1}
                max={100}
                allowDecimal={false}
                error={byField['teams.minSize']}
              />
              <NumberInput
                label={t('console.form.maxSize')}
                value={values.maxSize}
                onChange={set('maxSize')}
                min={1}
                max={100}
                allowDecimal={false}
                error={byField['teams.maxSize']}
              />
            </SimpleGrid>
            <Checkbox label={t('console.form.lockAtStart')} checked={values.lockAtStart} onChange={(change) => set('lockAtStart')(change.currentTarget.checked)} />
            <TextInput
              label={t('console.form.divisions')}
              description={t('console.form.divisionsHint')}
              value={values.divisions}
              onChange={text('divisions')}
              error={byField.divisions}
            />
            <Checkbox
              label={t('console.form.listed')}
              description={t('console.form.listedHint')}
              checked={values.listed}
              onChange={(change) => set('listed')(change.currentTarget.checked)}
            />
            <NativeSelect
              label={t('console.form.leaderboardVisibility')}
              value={values.leaderboardVisibility}
              onChange={(change) => set('leaderboardVisibility')(change.currentTarget.value as EventFormValues['leaderboardVisibility'])}
              data={VISIBILITIES.map((visibility) => ({ value: visibility, label: t(`console.form.visibilities.${visibility}`) }))}
              error={byField.leaderboardVisibility}
            />
          </Stack>
        </Fieldset>

        <Group>
          <Button type="submit" loading={pending}>
            {event ? t('console.form.save') : t('console.form.create')}
          </Button>
        </Group>
        {saved && !pending && (
          <Alert color="green" role="status">
            {t('console.form.saved')}
          </Alert>
        )}
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
