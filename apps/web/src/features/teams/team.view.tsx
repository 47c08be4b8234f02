import { Alert, Badge, Button, CopyButton, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrors } from '../../api/client';
import type { ArenaEvent } from '../events/events.queries';
import { ConfirmButton } from './confirm.button';
import { TeamMembersTable } from './team-members.table';
import { errorMessage, Team, useDisbandTeam, useRemoveMember, useRenameTeam, useRotateInvite } from './teams.queries';

/** The link a teammate opens: this app's `/join/<code>`. */
export const inviteLink = (code: string) => `${window.location.origin}/join/${encodeURIComponent(code)}`;

function InviteLink({ slug, team, captain, onError }: { slug: string; team: Team; captain: boolean; onError: (error: unknown) => void }) {
  const { t } = useTranslation();
  const rotate = useRotateInvite(slug);
  const link = inviteLink(team.inviteCode);
  return (
    <section aria-labelledby="invite-title">
      <Title order={2} size="h3" id="invite-title" mb="xs">
        {t('teams.invite')}
      </Title>
      <Text size="sm" c="dimmed" mb="xs">
        {t('teams.inviteHelp')}
      </Text>
      <Group align="flex-end" gap="xs">
        <TextInput label={t('teams.inviteLink')} readOnly value={link} style={{ flex: 1, minWidth: 220 }} onFocus={(e) => e.currentTarget.select()} />
        <CopyButton value={link}>
          {({ copied, copy }) => (
            <Button variant={copied ? 'filled' : 'light'} color={copied ? 'teal' : undefined} onClick={copy}>
              {copied ? t('teams.copied') : t('teams.copyInvite')}
            </Button>
          )}
        </CopyButton>
        {captain && (
          <ConfirmButton
            variant="subtle"
            label={t('teams.newInvite')}
            message={t('teams.newInviteConfirm')}
            confirmLabel={t('teams.newInviteShort')}
            loading={rotate.isPending}
            onConfirm={() => rotate.mutate(undefined, { onError })}
          />
        )}
      </Group>
    </section>
  );
}

function RenameForm({ slug, team }: { slug: string; team: Team }) {
  const { t } = useTranslation();
  const rename = useRenameTeam(slug);
  const [name, setName] = useState(team.name);
  const { byField, rest } = fieldErrors(rename.error, ['name']);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    rename.mutate(name);
  };
  return (
    <form onSubmit={submit} noValidate>
      <Group align="flex-start" gap="xs">
        <TextInput
          label={t('teams.newName')}
          maxLength={64}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={byField.name ?? (rest.length ? rest.join(' · ') : undefined)}
          style={{ flex: 1, minWidth: 220 }}
        />
        <Button type="submit" mt={25} variant="light" loading={rename.isPending} disabled={name.trim() === team.name}>
          {t('teams.rename')}
        </Button>
      </Group>
    </form>
  );
}

export function TeamView({ event, team, myId }: { event: ArenaEvent; team: Team; myId: string }) {
  const { t } = useTranslation();
  const [failure, setFailure] = useState<string | null>(null);
  const leave = useRemoveMember(event.slug);
  const disband = useDisbandTeam(event.slug);
  const captain = team.members.some((member) => member.userId === myId && member.role === 'captain');
  const onError = (error: unknown) => setFailure(errorMessage(error) || t('errors.loadFailed'));
  return (
    <Stack gap="lg">
      <div>
        <Group gap="sm">
          <Title order={1}>{team.name}</Title>
          {team.division && <Badge variant="outline">{t('teams.divisionBadge', { division: team.division })}</Badge>}
        </Group>
        <Text c="dimmed">{t('teams.memberCount', { count: team.members.length, max: event.teams.maxSize })}</Text>
      </div>
      {failure && (
        <Alert color="red" role="alert" withCloseButton closeButtonLabel={t('teams.dismiss')} onClose={() => setFailure(null)}>
          {failure}
        </Alert>
      )}
      <InviteLink slug={event.slug} team={team} captain={captain} onError={onError} />
      <section aria-labelledby="members-title">
        <Title order={2} size="h3" id="members-title" mb="xs">
          {t('teams.members')}
        </Title>
        <TeamMembersTable slug={event.slug} team={team} myId={myId} captain={captain} onError={onError} />
      </section>
      {captain && (
        <section aria-labelledby="settings-title">
          <Title order={2} size="h3" id="settings-title" mb="xs">
            {t('teams.settings')}
          </Title>
          <RenameForm key={team.name} slug={event.slug} team={team} />
        </section>
      )}
      <Group>
        <ConfirmButton
          variant="outline"
          label={t('teams.leave')}
          message={team.members.length === 1 ? t('teams.leaveLastConfirm') : captain ? t('teams.leaveCaptainConfirm') : t('teams.leaveConfirm')}
          confirmLabel={t('teams.leaveShort')}
          loading={leave.isPending}
          onConfirm={() => leave.mutate(myId, { onError })}
        />
        {captain && (
          <ConfirmButton
            variant="subtle"
            color="red"
            label={t('teams.disband')}
            message={t('teams.disbandConfirm')}
            confirmLabel={t('teams.disbandShort')}
            loading={disband.isPending}
            onConfirm={() => disband.mutate(undefined, { onError })}
          />
        )}
      </Group>
    </Stack>
  );
}
