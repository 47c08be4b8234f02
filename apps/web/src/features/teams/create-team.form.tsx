import { Alert, Button, NativeSelect, Stack, TextInput } from '@mantine/core';
import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrors } from '../../api/client';
import type { ArenaEvent } from '../events/events.queries';
import { errorMessage, statusOf, useCreateTeam } from './teams.queries';

/** Name and, when the event has divisions, the division; the caller becomes captain. */
export function CreateTeamForm({ event }: { event: ArenaEvent }) {
  const { t } = useTranslation();
  const create = useCreateTeam(event.slug);
  const [name, setName] = useState('');
  const [division, setDivision] = useState('');
  const { byField, rest } = fieldErrors(create.error, ['name', 'division']);
  const status = statusOf(create.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate({ name, ...(event.divisions.length > 0 ? { division } : {}) });
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {create.isError && status !== 400 && (
          <Alert color="red" role="alert">
            {status === 409 ? t('teams.createConflict') : errorMessage(create.error)}
          </Alert>
        )}
        {status === 400 && rest.length > 0 && (
          <Alert color="red" role="alert">
            {rest.join(' · ')}
          </Alert>
        )}
        <TextInput label={t('teams.name')} required maxLength={64} value={name} onChange={(e) => setName(e.currentTarget.value)} error={byField.name} />
        {event.divisions.length > 0 && (
          <NativeSelect
            label={t('teams.division')}
            required
            data={[{ value: '', label: t('teams.chooseDivision') }, ...event.divisions.map((item) => ({ value: item, label: item }))]}
            value={division}
            onChange={(e) => setDivision(e.currentTarget.value)}
            error={byField.division}
          />
        )}
        <Button type="submit" loading={create.isPending} style={{ alignSelf: 'flex-start' }}>
          {t('teams.create')}
        </Button>
      </Stack>
    </form>
  );
}
