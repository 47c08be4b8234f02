import { Alert, Button, Checkbox, CopyButton, Group, Modal, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, fieldErrors } from '../../api/client';
import { DateTime } from '../../components/date-time';
import './hackathon-staff.i18n';
import { JudgeRemoved, useInvitations, useInviteJudge, useRemoveJudge, useRevokeInvitation } from './hackathon-staff.queries';
import { ScrollTable } from './scroll-table';

/** A judge's "Remove" with its confirmation; what the API did (or why it refused) is said under the judges' table. */
export function RemoveJudgeButton({
  slug,
  judge,
  onDone,
}: {
  slug: string;
  judge: { judgeId: string; displayName: string };
  onDone: (message: { ok: boolean; text: string }) => void;
}) {
  const { t } = useTranslation();
  const remove = useRemoveJudge(slug);
  const [confirming, setConfirming] = useState(false);
  const said = (removed: JudgeRemoved) =>
    t('hackstaff.remove.done', { name: judge.displayName, recused: removed.recused, reassigned: removed.reassigned, unassigned: removed.unassigned });
  const confirm = () => {
    setConfirming(false);
    // mutateAsync, not mutate's callbacks: the judge's row (and this button) is gone once the list is read again.
    void remove.mutateAsync(judge.judgeId).then(
      (removed) => onDone({ ok: true, text: said(removed) }),
      (error: unknown) =>
        onDone({ ok: false, text: (error as ApiError).statusCode === 409 ? t('hackstaff.remove.closed') : fieldErrors(error, []).rest.join(' ') || t('errors.loadFailed') }),
    );
  };
  return (
    <>
      <Button size="xs" variant="subtle" color="red" loading={remove.isPending} onClick={() => setConfirming(true)}>
        {t('hackstaff.remove.button', { name: judge.displayName })}
      </Button>
      <Modal opened={confirming} onClose={() => setConfirming(false)} title={t('hackstaff.remove.title')} centered closeButtonProps={{ 'aria-label': t('teams.cancel') }}>
        <Text mb="md">{t('hackstaff.remove.confirm', { name: judge.displayName })}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => setConfirming(false)}>
            {t('teams.cancel')}
          </Button>
          <Button color="red" onClick={confirm}>
            {t('hackstaff.remove.confirmButton')}
          </Button>
        </Group>
      </Modal>
    </>
  );
}

/** The claim link of an invitation just made: the API keeps only the code's hash, so this is its one showing. */
function InviteLink({ path }: { path: string }) {
  const { t } = useTranslation();
  const link = `${window.location.origin}${path}`;
  return (
    <Stack gap={4}>
      <Group align="flex-end" gap="xs">
        <TextInput label={t('hackstaff.invite.link')} readOnly value={link} style={{ flex: 1, minWidth: 220 }} onFocus={(e) => e.currentTarget.select()} />
        <CopyButton value={link}>
          {({ copied, copy }) => (
            <Button variant={copied ? 'filled' : 'light'} color={copied ? 'teal' : undefined} onClick={copy}>
              {copied ? t('hackstaff.invite.copied') : t('hackstaff.invite.copy')}
            </Button>
          )}
        </CopyButton>
      </Group>
      <Text size="sm" c="dimmed">
        {t('hackstaff.invite.linkOnce')}
      </Text>
    </Stack>
  );
}

function InviteForm({ slug, tracks }: { slug: string; tracks: string[] }) {
  const { t } = useTranslation();
  const invite = useInviteJudge(slug);
  const [email, setEmail] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const errors = fieldErrors(invite.error, ['email', 'tracks']);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    invite.mutate({ email: email.trim(), tracks: chosen }, { onSuccess: () => setEmail('') });
  };
  const done = invite.data;
  return (
    <form onSubmit={submit} aria-labelledby="invite-judge-title">
      <Title order={3} id="invite-judge-title" mb="xs">
        {t('hackstaff.invite.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="xs">
        {t('hackstaff.invite.hint')}
      </Text>
      <Stack gap="xs">
        <TextInput type="email" label={t('hackstaff.invite.email')} required value={email} onChange={(e) => setEmail(e.currentTarget.value)} error={errors.byField.email} />
        {tracks.length > 0 && (
          <Checkbox.Group label={t('hackstaff.invite.tracks')} description={t('hackstaff.invite.tracksHint')} value={chosen} onChange={setChosen} error={errors.byField.tracks}>
            <Group gap="xs" mt={4}>
              {tracks.map((track) => (
                <Checkbox key={track} value={track} label={track} />
              ))}
            </Group>
          </Checkbox.Group>
        )}
        {errors.rest.length > 0 && (
          <Alert color="red" role="alert">
            {errors.rest.join(' ')}
          </Alert>
        )}
        {done && (
          <Alert color="green" role="status">
            {done.status === 'added'
              ? t('hackstaff.invite.added', { name: done.judge?.displayName ?? '' })
              : t('hackstaff.invite.invited', { email: done.invitation?.email ?? '' })}
          </Alert>
        )}
        {done?.invitePath && <InviteLink path={done.invitePath} />}
        <Group>
          <Button type="submit" loading={invite.isPending}>
            {t('hackstaff.invite.button')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Inviting by email (someone without an account gets a link that their account with that email claims) and the invitations still pending. */
export function JudgeInvitationsSection({ slug, tracks }: { slug: string; tracks: string[] }) {
  const { t } = useTranslation();
  const invitations = useInvitations(slug);
  const revoke = useRevokeInvitation(slug);
  const rows = invitations.data ?? [];
  return (
    <section>
      <InviteForm slug={slug} tracks={tracks} />
      <Title order={4} mt="md" mb="xs" id="pending-invitations-title">
        {t('hackstaff.invite.pending', { count: rows.length })}
      </Title>
      {invitations.isError && <Alert color="red">{t('errors.loadFailed')}</Alert>}
      {invitations.isSuccess && rows.length === 0 && <Text>{t('hackstaff.invite.none')}</Text>}
      {rows.length > 0 && (
        <ScrollTable minWidth={420} label={t('hackstaff.invite.pending', { count: rows.length })}>
          <Table aria-labelledby="pending-invitations-title">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('hackstaff.invite.email')}</Table.Th>
                <Table.Th>{t('hackcon.judges.tracks')}</Table.Th>
                <Table.Th>{t('hackstaff.invite.invitedAt')}</Table.Th>
                <Table.Th>{t('hackcon.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((invitation) => (
                <Table.Tr key={invitation.id}>
                  <Table.Td>{invitation.email}</Table.Td>
                  <Table.Td>{invitation.tracks.length ? invitation.tracks.join(', ') : t('hackcon.judges.allTracks')}</Table.Td>
                  <Table.Td>
                    <DateTime value={invitation.createdAt} />
                  </Table.Td>
                  <Table.Td>
                    <Button
                      size="xs"
                      variant="subtle"
                      color="red"
                      aria-label={t('hackstaff.invite.revoke', { email: invitation.email })}
                      loading={revoke.isPending && revoke.variables === invitation.id}
                      onClick={() => revoke.mutate(invitation.id)}
                    >
                      {t('hackstaff.invite.revokeShort')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      )}
      {revoke.isError && (
        <Alert color="red" role="alert" mt="xs">
          {fieldErrors(revoke.error, []).rest.join(' ') || t('errors.loadFailed')}
        </Alert>
      )}
    </section>
  );
}
