import './ops.i18n';
import './console-ctf-ops.i18n';
import { Alert, Anchor, Badge, Button, Card, Group, List, Modal, NativeSelect, Pagination, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { fieldErrors } from '../../api/client';
import { useConsoleEvent } from './console.layout';
import { ManagedTeam, OPS_PAGE, TeamChange, useChangeTeam, useDisbandTeam, useManagedTeams, useRemoveMember } from './ops.queries';

/** A change waiting for the organiser's confirmation. */
type Pending =
  | { kind: 'change'; team: ManagedTeam; change: TeamChange; label: string }
  | { kind: 'remove'; team: ManagedTeam; userId: string; name: string }
  | { kind: 'disband'; team: ManagedTeam };

function TeamCard({ team, divisions, base, onAsk }: { team: ManagedTeam; divisions: string[]; base: string; onAsk: (pending: Pending) => void }) {
  const { t } = useTranslation();
  const [division, setDivision] = useState(team.division ?? '');
  const ask = (change: TeamChange, label: string) => onAsk({ kind: 'change', team, change, label });
  const attempts = `${base}/attempts?${new URLSearchParams({ teamId: team.id }).toString()}`;
  const solves = `${base}/attempts?${new URLSearchParams({ teamId: team.id, verdict: 'correct' }).toString()}`;
  return (
    <Card withBorder component="article" aria-label={team.name}>
      <Group justify="space-between" align="flex-start" gap="xs">
        <div>
          {/* Team and member names are participants' text: rendered as text, markup stays inert. */}
          <Title order={3} size="h4">
            {team.name}
          </Title>
          <Group gap={4} mt={4}>
            {team.division && <Badge variant="light">{team.division}</Badge>}
            {team.hidden && (
              <Badge color="gray" variant="filled">
                {t('consoleOps.teams.hidden')}
              </Badge>
            )}
            {team.banned && (
              <Badge color="red" variant="filled">
                {t('consoleOps.teams.banned')}
              </Badge>
            )}
          </Group>
        </div>
        <Group gap="xs">
          <Anchor component={Link} to={attempts} size="sm" aria-label={t('consoleOps.teams.attemptsOf', { team: team.name })}>
            {t('consoleOps.teams.attempts')}
          </Anchor>
          <Anchor component={Link} to={solves} size="sm" aria-label={t('consoleOps.teams.solvesOf', { team: team.name })}>
            {t('consoleOps.teams.solves')}
          </Anchor>
        </Group>
      </Group>
      <List size="sm" mt="xs" aria-label={t('consoleOps.teams.membersOf', { team: team.name })}>
        {team.members.map((member) => (
          <List.Item key={member.userId}>
            <Group gap="xs">
              <Text size="sm">
                {member.displayName} ({t(`consoleOps.teams.roles.${member.role}`)})
              </Text>
              <Button
                size="compact-xs"
                variant="subtle"
                color="red"
                onClick={() => onAsk({ kind: 'remove', team, userId: member.userId, name: member.displayName })}
                aria-label={t('consoleOps.teams.removeMember', { name: member.displayName, team: team.name })}
              >
                {t('consoleOps.teams.remove')}
              </Button>
            </Group>
          </List.Item>
        ))}
      </List>
      {team.members.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('consoleOps.teams.empty')}
        </Text>
      )}
      <Group mt="sm" gap="xs" align="flex-end">
        <Button size="xs" variant="default" onClick={() => ask({ hidden: !team.hidden }, t(team.hidden ? 'consoleOps.teams.unhide' : 'consoleOps.teams.hide'))}>
          {t(team.hidden ? 'consoleOps.teams.unhide' : 'consoleOps.teams.hide')}
        </Button>
        <Button size="xs" variant="light" color="red" onClick={() => ask({ banned: !team.banned }, t(team.banned ? 'consoleOps.teams.unban' : 'consoleOps.teams.ban'))}>
          {t(team.banned ? 'consoleOps.teams.unban' : 'consoleOps.teams.ban')}
        </Button>
        <Button size="xs" variant="filled" color="red" onClick={() => onAsk({ kind: 'disband', team })} aria-label={t('consoleCtfOps.teams.disbandLabel', { team: team.name })}>
          {t('consoleCtfOps.teams.disband')}
        </Button>
        {divisions.length > 0 && (
          <Group gap="xs" align="flex-end">
            <NativeSelect
              size="xs"
              label={t('consoleOps.teams.divisionOf', { team: team.name })}
              value={division}
              onChange={(change) => setDivision(change.currentTarget.value)}
              data={divisions.map((value) => ({ value, label: value }))}
            />
            <Button size="xs" variant="light" disabled={division === (team.division ?? '')} onClick={() => ask({ division }, t('consoleOps.teams.move', { division }))}>
              {t('consoleOps.teams.moveButton')}
            </Button>
          </Group>
        )}
      </Group>
    </Card>
  );
}

/** `/events/<slug>/manage/teams`: every team with its members; hide, ban, move, remove members, disband; attempts and solves a click away. */
export function TeamsPage() {
  const { t } = useTranslation();
  const event = useConsoleEvent();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 300);
  const [page, setPage] = useState(1);
  const teams = useManagedTeams(event.slug, page, debounced);
  const change = useChangeTeam(event.slug);
  const remove = useRemoveMember(event.slug);
  const disband = useDisbandTeam(event.slug);
  const [pending, setPending] = useState<Pending | null>(null);
  const base = `/events/${encodeURIComponent(event.slug)}/manage`;
  const rows = teams.data?.items ?? [];
  const total = teams.data?.total ?? 0;
  const failed = change.error ?? remove.error ?? disband.error;

  const confirm = () => {
    if (pending?.kind === 'change') change.mutate({ id: pending.team.id, change: pending.change });
    if (pending?.kind === 'remove') remove.mutate({ teamId: pending.team.id, userId: pending.userId });
    if (pending?.kind === 'disband') disband.mutate(pending.team.id);
    setPending(null);
  };
  const ask = (next: Pending) => {
    change.reset();
    remove.reset();
    disband.reset();
    setPending(next);
  };

  return (
    <Stack>
      <Title order={2}>{t('consoleOps.teams.title')}</Title>
      <TextInput
        type="search"
        label={t('consoleOps.teams.search')}
        value={search}
        onChange={(input) => {
          setSearch(input.currentTarget.value);
          setPage(1);
        }}
      />
      <Modal
        opened={pending !== null}
        onClose={() => setPending(null)}
        title={pending?.kind === 'remove' ? t('consoleOps.teams.remove') : pending?.kind === 'disband' ? t('consoleCtfOps.teams.confirmTitle') : (pending?.label ?? '')}
        centered
        closeButtonProps={{ 'aria-label': t('teams.cancel') }}
      >
        <Text mb="md">
          {pending?.kind === 'remove'
            ? t('consoleOps.teams.confirmRemove', { name: pending.name, team: pending.team.name })
            : pending?.kind === 'disband'
              ? t('consoleCtfOps.teams.confirmDisband', { team: pending.team.name })
              : pending
                ? t('consoleOps.teams.confirmChange', { action: pending.label, team: pending.team.name })
                : ''}
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => setPending(null)}>
            {t('teams.cancel')}
          </Button>
          <Button color="red" onClick={confirm}>
            {t('consoleOps.teams.confirmButton')}
          </Button>
        </Group>
      </Modal>
      {failed && (
        <Alert color="red" role="alert">
          {fieldErrors(failed, []).rest.join(' ') || t('errors.loadFailed')}
        </Alert>
      )}
      {(change.isSuccess || remove.isSuccess) && (
        <Alert color="green" role="status">
          {t('consoleOps.teams.saved')}
        </Alert>
      )}
      {disband.isSuccess && (
        <Alert color="green" role="status">
          {t('consoleCtfOps.teams.disbanded')}
        </Alert>
      )}
      {teams.isError && (
        <Alert color="red" role="alert">
          {t('errors.loadFailed')}
        </Alert>
      )}
      <Stack gap="sm">
        {rows.map((team) => (
          <TeamCard key={`${team.id}:${team.division ?? ''}`} team={team} divisions={event.divisions} base={base} onAsk={ask} />
        ))}
      </Stack>
      {teams.isSuccess && rows.length === 0 && <Text c="dimmed">{t('consoleOps.teams.none')}</Text>}
      <Group justify="space-between">
        <Badge variant="light">{t('consoleOps.teams.total', { count: total })}</Badge>
        {total > OPS_PAGE && (
          <Pagination
            total={Math.ceil(total / OPS_PAGE)}
            value={page}
            onChange={setPage}
            getControlProps={(control) => ({ 'aria-label': t(`console.registrations.pages.${control}`) })}
            getItemProps={(number) => ({ 'aria-label': t('console.registrations.pages.page', { number }) })}
          />
        )}
      </Group>
    </Stack>
  );
}
