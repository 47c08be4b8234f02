import { Alert, Button, Checkbox, Group, NumberInput, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrors } from '../../api/client';
import { PageLoader } from '../../components/page-loader';
import { HackathonSettings, useHackathonSettings } from '../hackathon/hackathon.queries';
import { useConsoleEvent } from './console.layout';
import './hackathon-console.i18n';
import { useAddCriterion, useCriteriaList, useRemoveCriterion, useSaveHackathonSettings } from './hackathon-console.queries';
import { JudgingSettingsSection } from './hackathon-judging-settings';
import { ScrollTable } from './scroll-table';

const CRITERION_FIELDS = ['name', 'description', 'weight', 'min', 'max'] as const;
const SETTINGS_FIELDS = ['tracks', 'checks.command', 'checks.requiredFiles', 'peoplesChoice.votesPerUser'] as const;

const lines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

function CriteriaSection({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const criteria = useCriteriaList(slug);
  const add = useAddCriterion(slug);
  const remove = useRemoveCriterion(slug);
  const [form, setForm] = useState({ name: '', description: '', weight: 1 as number | string, min: 0 as number | string, max: 10 as number | string });
  const errors = fieldErrors(add.error, CRITERION_FIELDS);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate(
      { name: form.name, description: form.description, weight: Number(form.weight), min: Number(form.min), max: Number(form.max) },
      { onSuccess: () => setForm({ ...form, name: '', description: '' }) },
    );
  };
  return (
    <section aria-labelledby="criteria-title">
      <Title order={3} id="criteria-title" mb="xs">
        {t('hackcon.setup.criteria')}
      </Title>
      {criteria.data?.length === 0 && <Text c="dimmed">{t('hackcon.setup.noCriteria')}</Text>}
      {!!criteria.data?.length && (
        <ScrollTable minWidth={480} label={t('hackcon.setup.criteria')}>
          <Table aria-label={t('hackcon.setup.criteria')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('hackcon.setup.name')}</Table.Th>
                <Table.Th>{t('hackcon.setup.weight')}</Table.Th>
                <Table.Th>{t('hackcon.setup.range')}</Table.Th>
                <Table.Th>{t('hackcon.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {criteria.data.map((criterion) => (
                <Table.Tr key={criterion.id}>
                  <Table.Td>
                    <Text fw={500}>{criterion.name}</Text>
                    <Text size="sm" c="dimmed" style={{ whiteSpace: 'pre-wrap' }}>
                      {criterion.description}
                    </Text>
                  </Table.Td>
                  <Table.Td>{criterion.weight}</Table.Td>
                  <Table.Td>{t('hackcon.setup.rangeValue', { min: criterion.min, max: criterion.max })}</Table.Td>
                  <Table.Td>
                    <Button size="xs" variant="subtle" color="red" loading={remove.isPending && remove.variables === criterion.id} onClick={() => remove.mutate(criterion.id)}>
                      {t('hackcon.setup.remove', { name: criterion.name })}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      )}
      {remove.isError && (
        <Alert color="red" role="alert" mt="xs">
          {fieldErrors(remove.error, []).rest.join(' ') || t('errors.loadFailed')}
        </Alert>
      )}
      <form onSubmit={submit} aria-labelledby="add-criterion-title">
        <Title order={4} id="add-criterion-title" mt="md" mb="xs">
          {t('hackcon.setup.addCriterion')}
        </Title>
        <Stack gap="xs">
          <TextInput label={t('hackcon.setup.name')} required value={form.name} onChange={(e) => setForm({ ...form, name: e.currentTarget.value })} error={errors.byField.name} />
          <Textarea
            label={t('hackcon.setup.description')}
            description={t('hackcon.setup.descriptionHint')}
            value={form.description}
            onChange={(e) => setForm({ ...form, description: e.currentTarget.value })}
            error={errors.byField.description}
          />
          <Group grow align="flex-start">
            <NumberInput label={t('hackcon.setup.weight')} required value={form.weight} onChange={(weight) => setForm({ ...form, weight })} error={errors.byField.weight} />
            <NumberInput label={t('hackcon.setup.min')} required value={form.min} onChange={(min) => setForm({ ...form, min })} error={errors.byField.min} />
            <NumberInput label={t('hackcon.setup.max')} required value={form.max} onChange={(max) => setForm({ ...form, max })} error={errors.byField.max} />
          </Group>
          {errors.rest.length > 0 && (
            <Alert color="red" role="alert">
              {errors.rest.join(' ')}
            </Alert>
          )}
          <Group>
            <Button type="submit" loading={add.isPending}>
              {t('hackcon.setup.addCriterion')}
            </Button>
          </Group>
        </Stack>
      </form>
    </section>
  );
}

function SettingsSection({ slug, settings }: { slug: string; settings: HackathonSettings }) {
  const { t } = useTranslation();
  const save = useSaveHackathonSettings(slug);
  const [tracks, setTracks] = useState(settings.tracks.join('\n'));
  const [command, setCommand] = useState(settings.checks.command ?? '');
  const [requiredFiles, setRequiredFiles] = useState(settings.checks.requiredFiles.join('\n'));
  const [peoplesChoice, setPeoplesChoice] = useState(settings.peoplesChoice.enabled);
  const [votesPerUser, setVotesPerUser] = useState<number | string>(settings.peoplesChoice.votesPerUser);
  const errors = fieldErrors(save.error, SETTINGS_FIELDS);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({
      tracks: lines(tracks),
      checks: { command: command.trim() || null, requiredFiles: lines(requiredFiles) },
      peoplesChoice: { enabled: peoplesChoice, votesPerUser: Number(votesPerUser) },
    });
  };
  return (
    <form onSubmit={submit} aria-labelledby="tracks-title">
      <Title order={3} id="tracks-title" mb="xs">
        {t('hackcon.setup.tracksAndChecks')}
      </Title>
      <Stack gap="xs">
        <Textarea
          label={t('hackcon.setup.tracks')}
          description={t('hackcon.setup.tracksHint')}
          autosize
          minRows={2}
          value={tracks}
          onChange={(e) => setTracks(e.currentTarget.value)}
          error={errors.byField.tracks}
        />
        <TextInput
          label={t('hackcon.setup.command')}
          description={t('hackcon.setup.commandHint')}
          value={command}
          onChange={(e) => setCommand(e.currentTarget.value)}
          error={errors.byField['checks.command']}
          styles={{ input: { fontFamily: 'monospace' } }}
        />
        <Textarea
          label={t('hackcon.setup.requiredFiles')}
          description={t('hackcon.setup.requiredFilesHint')}
          autosize
          minRows={1}
          value={requiredFiles}
          onChange={(e) => setRequiredFiles(e.currentTarget.value)}
          error={errors.byField['checks.requiredFiles']}
        />
        <Checkbox label={t('hackcon.setup.peoplesChoice')} checked={peoplesChoice} onChange={(e) => setPeoplesChoice(e.currentTarget.checked)} />
        <NumberInput
          label={t('hackcon.setup.votesPerUser')}
          min={1}
          max={10}
          value={votesPerUser}
          onChange={setVotesPerUser}
          error={errors.byField['peoplesChoice.votesPerUser']}
          disabled={!peoplesChoice}
        />
        {errors.rest.length > 0 && (
          <Alert color="red" role="alert">
            {errors.rest.join(' ')}
          </Alert>
        )}
        {save.isSuccess && (
          <Alert color="green" role="status">
            {t('hackcon.saved')}
          </Alert>
        )}
        <Group>
          <Button type="submit" loading={save.isPending}>
            {t('hackcon.setup.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** `/events/<slug>/manage/hackathon-setup`: the rubric's criteria, the tracks, the archive check command, people's choice and how projects are judged. */
export function HackathonSetupPage() {
  const { t } = useTranslation();
  const event = useConsoleEvent();
  const settings = useHackathonSettings(event.slug);
  return (
    <Stack gap="xl">
      <Title order={2}>{t('hackcon.setup.title')}</Title>
      <CriteriaSection slug={event.slug} />
      {settings.isPending ? (
        <PageLoader />
      ) : settings.isError ? (
        <Alert color="red">{t('errors.loadFailed')}</Alert>
      ) : (
        <>
          <SettingsSection key={settings.data.eventId} slug={event.slug} settings={settings.data} />
          <JudgingSettingsSection key={`judging:${settings.data.eventId}`} slug={event.slug} settings={settings.data} />
        </>
      )}
    </Stack>
  );
}
