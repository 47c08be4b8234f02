import { Alert, Button, Checkbox, Group, NativeSelect, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, fieldErrors } from '../../api/client';
import { useHackathonSettings } from '../hackathon/hackathon.queries';
import { useConsoleEvent } from './console.layout';
import './hackathon-console.i18n';
import { Judge, useAddJudge, useConflicts, useDeclareJudgeConflict, useEventTeams, useJudges, useSetJudgeTracks } from './hackathon-console.queries';
import { JudgeInvitationsSection, RemoveJudgeButton } from './hackathon-staff';
import { ScrollTable } from './scroll-table';

function AddJudgeForm({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const add = useAddJudge(slug);
  const [email, setEmail] = useState('');
  const status = (add.error as ApiError | null)?.statusCode;
  // Unknown email: the API has no account to make a judge (it answers 404).
  const emailError = status === 404 ? t('hackcon.judges.noAccount') : fieldErrors(add.error, ['email']).byField.email;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate(email.trim(), { onSuccess: () => setEmail('') });
  };
  return (
    <form onSubmit={submit} aria-labelledby="add-judge-title">
      <Title order={3} id="add-judge-title" mb="xs">
        {t('hackcon.judges.add')}
      </Title>
      <Group align="flex-start">
        <TextInput
          type="email"
          label={t('hackcon.judges.email')}
          description={t('hackcon.judges.emailHint')}
          required
          value={email}
          onChange={(e) => setEmail(e.currentTarget.value)}
          error={emailError}
          style={{ flex: 1, minWidth: 220 }}
        />
        <Button type="submit" mt={{ base: 0, sm: 44 }} loading={add.isPending}>
          {t('hackcon.judges.addButton')}
        </Button>
      </Group>
      {add.isSuccess && (
        <Alert color="green" role="status" mt="xs">
          {t('hackcon.judges.added', { name: add.data.displayName })}
        </Alert>
      )}
      {add.isError && !emailError && (
        <Alert color="red" role="alert" mt="xs">
          {fieldErrors(add.error, []).rest.join(' ')}
        </Alert>
      )}
    </form>
  );
}

function JudgeTracks({ slug, judge, tracks }: { slug: string; judge: Judge; tracks: string[] }) {
  const { t } = useTranslation();
  const save = useSetJudgeTracks(slug);
  const [chosen, setChosen] = useState<string[]>(judge.tracks);
  if (tracks.length === 0) return <Text size="sm">{t('hackcon.judges.allTracks')}</Text>;
  return (
    <Group gap="xs" align="flex-end">
      <Checkbox.Group label={t('hackcon.judges.tracksOf', { name: judge.displayName })} description={t('hackcon.judges.tracksHint')} value={chosen} onChange={setChosen}>
        <Group gap="xs" mt={4}>
          {tracks.map((track) => (
            <Checkbox key={track} value={track} label={track} />
          ))}
        </Group>
      </Checkbox.Group>
      <Button
        size="xs"
        variant="light"
        loading={save.isPending}
        onClick={() => save.mutate({ userId: judge.judgeId, tracks: chosen })}
        aria-label={t('hackcon.judges.saveTracksOf', { name: judge.displayName })}
      >
        {t('hackcon.judges.saveTracks')}
      </Button>
    </Group>
  );
}

function ConflictsSection({ slug, judges }: { slug: string; judges: Judge[] }) {
  const { t } = useTranslation();
  const conflicts = useConflicts(slug);
  const teams = useEventTeams(slug);
  const declare = useDeclareJudgeConflict(slug);
  const [judgeId, setJudgeId] = useState('');
  const [teamId, setTeamId] = useState('');
  const [reason, setReason] = useState('');
  const judgeName = (id: string) => judges.find((judge) => judge.judgeId === id)?.displayName ?? id;
  const teamName = (id: string) => teams.data?.find((team) => team.id === id)?.name ?? id;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    declare.mutate({ judgeId, teamId, reason }, { onSuccess: () => setReason('') });
  };
  return (
    <section aria-labelledby="conflicts-title">
      <Title order={3} id="conflicts-title" mb="xs">
        {t('hackcon.judges.conflicts')}
      </Title>
      <Text size="sm" c="dimmed" mb="xs">
        {t('hackcon.judges.conflictsHint')}
      </Text>
      {conflicts.data?.length === 0 && <Text>{t('hackcon.judges.noConflicts')}</Text>}
      {!!conflicts.data?.length && (
        <ScrollTable minWidth={420} label={t('hackcon.judges.conflicts')}>
          <Table aria-label={t('hackcon.judges.conflicts')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('hackcon.judge')}</Table.Th>
                <Table.Th>{t('hackcon.team')}</Table.Th>
                <Table.Th>{t('hackcon.judges.reason')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {conflicts.data.map((conflict) => (
                <Table.Tr key={`${conflict.judgeId}:${conflict.teamId}`}>
                  <Table.Td>{judgeName(conflict.judgeId)}</Table.Td>
                  <Table.Td>{teamName(conflict.teamId)}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{conflict.reason}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      )}
      <form onSubmit={submit} aria-labelledby="declare-conflict-title">
        <Title order={4} id="declare-conflict-title" mt="md" mb="xs">
          {t('hackcon.judges.declare')}
        </Title>
        <Stack gap="xs">
          <Group grow align="flex-start">
            <NativeSelect
              label={t('hackcon.judge')}
              required
              value={judgeId}
              onChange={(e) => setJudgeId(e.currentTarget.value)}
              data={[{ value: '', label: t('hackcon.choose') }, ...judges.map((judge) => ({ value: judge.judgeId, label: judge.displayName }))]}
            />
            <NativeSelect
              label={t('hackcon.team')}
              required
              value={teamId}
              onChange={(e) => setTeamId(e.currentTarget.value)}
              data={[{ value: '', label: t('hackcon.choose') }, ...(teams.data ?? []).map((team) => ({ value: team.id, label: team.name }))]}
            />
          </Group>
          <TextInput
            label={t('hackcon.judges.reason')}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={fieldErrors(declare.error, ['reason']).byField.reason}
          />
          {declare.isError && (
            <Alert color="red" role="alert">
              {fieldErrors(declare.error, ['reason']).rest.join(' ')}
            </Alert>
          )}
          <Group>
            <Button type="submit" loading={declare.isPending} disabled={!judgeId || !teamId}>
              {t('hackcon.judges.declareButton')}
            </Button>
          </Group>
        </Stack>
      </form>
    </section>
  );
}

/** `/events/<slug>/manage/hackathon-judges`: add or invite judges by email, remove them, the tracks each judges, and conflicts. */
export function HackathonJudgesPage() {
  const { t } = useTranslation();
  const event = useConsoleEvent();
  const judges = useJudges(event.slug);
  const settings = useHackathonSettings(event.slug);
  const tracks = settings.data?.tracks ?? [];
  const [removal, setRemoval] = useState<{ ok: boolean; text: string } | null>(null);
  return (
    <Stack gap="xl">
      <Title order={2}>{t('hackcon.judges.title')}</Title>
      <AddJudgeForm slug={event.slug} />
      <JudgeInvitationsSection slug={event.slug} tracks={tracks} />
      <section aria-labelledby="judges-title">
        <Title order={3} id="judges-title" mb="xs">
          {t('hackcon.judges.list', { count: judges.data?.length ?? 0 })}
        </Title>
        {judges.isError && <Alert color="red">{t('errors.loadFailed')}</Alert>}
        {judges.data?.length === 0 && <Text>{t('hackcon.judges.none')}</Text>}
        {!!judges.data?.length && (
          <ScrollTable minWidth={420} label={t('hackcon.judges.title')}>
            <Table aria-label={t('hackcon.judges.title')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('hackcon.judge')}</Table.Th>
                  <Table.Th>{t('hackcon.judges.country')}</Table.Th>
                  <Table.Th>{t('hackcon.judges.tracks')}</Table.Th>
                  <Table.Th>{t('hackcon.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {judges.data.map((judge) => (
                  <Table.Tr key={judge.judgeId}>
                    <Table.Td>{judge.displayName}</Table.Td>
                    <Table.Td>{judge.country}</Table.Td>
                    <Table.Td>
                      <JudgeTracks key={`${judge.judgeId}:${judge.tracks.join(',')}`} slug={event.slug} judge={judge} tracks={tracks} />
                    </Table.Td>
                    <Table.Td>
                      <RemoveJudgeButton slug={event.slug} judge={judge} onDone={setRemoval} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
        )}
        {removal && (
          <Alert color={removal.ok ? 'green' : 'red'} role={removal.ok ? 'status' : 'alert'} mt="xs">
            {removal.text}
          </Alert>
        )}
      </section>
      <ConflictsSection slug={event.slug} judges={judges.data ?? []} />
    </Stack>
  );
}
