import { Alert, Button, FileInput, Group, Stack, TextInput } from '@mantine/core';
import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrors } from '../../api/client';
import { NewService, useCreateService } from './ad.queries';

const FIELDS = ['name', 'port', 'checkerCommand', 'checkerTimeoutSeconds', 'vulns', 'checker'] as const;
const EMPTY: NewService = { name: '', port: '', checkerCommand: 'python3 checker.py', checkerTimeoutSeconds: '', vulns: '1', checker: null };

/** Adds a service: its fields and the checker archive; the API's 400s go next to their fields. */
export function ServiceForm({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const create = useCreateService(slug);
  const [values, setValues] = useState<NewService>(EMPTY);
  const set = (field: Exclude<keyof NewService, 'checker'>) => (event: { currentTarget: { value: string } }) => {
    const value = event.currentTarget.value;
    setValues((old) => ({ ...old, [field]: value }));
  };
  const { byField, rest } = fieldErrors(create.error, FIELDS);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(values, { onSuccess: () => setValues(EMPTY) });
  };
  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="service-form-title">
      <Stack gap="sm">
        <Group grow align="flex-start" wrap="wrap">
          <TextInput label={t('ad.services.name')} description={t('ad.services.nameHelp')} value={values.name} onChange={set('name')} error={byField.name} required miw={200} />
          <TextInput label={t('ad.services.port')} inputMode="numeric" value={values.port} onChange={set('port')} error={byField.port} required miw={140} />
        </Group>
        <TextInput
          label={t('ad.services.checkerCommand')}
          description={t('ad.services.checkerCommandHelp')}
          value={values.checkerCommand}
          onChange={set('checkerCommand')}
          error={byField.checkerCommand}
          required
        />
        <Group grow align="flex-start" wrap="wrap">
          <TextInput
            label={t('ad.services.timeout')}
            description={t('ad.services.timeoutHelp')}
            inputMode="numeric"
            value={values.checkerTimeoutSeconds}
            onChange={set('checkerTimeoutSeconds')}
            error={byField.checkerTimeoutSeconds}
            required
            miw={200}
          />
          <TextInput
            label={t('ad.services.vulns')}
            description={t('ad.services.vulnsHelp')}
            inputMode="numeric"
            value={values.vulns}
            onChange={set('vulns')}
            error={byField.vulns}
            miw={200}
          />
        </Group>
        <FileInput
          label={t('ad.services.checker')}
          description={t('ad.services.checkerHelp')}
          placeholder={t('ad.services.pickFile')}
          styles={{ placeholder: { color: 'var(--mantine-color-dimmed)' } }}
          accept=".zip,application/zip"
          value={values.checker}
          onChange={(checker) => setValues((old) => ({ ...old, checker }))}
          error={byField.checker}
          required
          clearable
        />
        <Button type="submit" loading={create.isPending} style={{ alignSelf: 'flex-start' }}>
          {t('ad.services.create')}
        </Button>
        {create.isSuccess && (
          <Alert color="green" role="status">
            {t('ad.services.created', { name: create.data.name })}
          </Alert>
        )}
        {rest.length > 0 && (
          <Alert color="red" role="alert">
            {rest.join(' ')}
          </Alert>
        )}
      </Stack>
    </form>
  );
}
