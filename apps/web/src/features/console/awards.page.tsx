import './ops.i18n';
import { Alert, Badge, Button, Group, Modal, NativeSelect, NumberInput, Pagination, Stack, Table, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrors } from '../../api/client';
import { DateTime } from '../../components/date-time';
import { useConsoleEvent } from './console.layout';
import { TableScroll } from './table-scroll';
import { Award, OPS_PAGE, useAwards, useGiveAward, useRemoveAward, useTeamChoices } from './ops.queries';

const FIELDS = ['teamId', 'value', 'reason'] as const;

function AwardForm({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const teams = useTeamChoices(slug);
  const give = useGiveAward(slug);
  const [teamId, setTeamId] = useState('');
  const [value, setValue] = useState<number | string>('');
  const [reason, setReason] = useState('');
  const errors = give.isError ? fieldErrors(give.error, FIELDS) : { byField: {} as Record<string, string>, rest: [] };
  const submit = (change: FormEvent) => {
    change.preventDefault();
    give.mutate(
      { teamId, value: Number(value), reason },
      {
        onSuccess: () => {
          setValue('');
          setReason('');
        },
      },
    );
  };
  return (
    <form onSubmit={submit} aria-labelledby="award-form-title">
      <Stack gap="sm">
        <Title order={3} size="h4" id="award-form-title">
          {t('consoleOps.awards.new')}
        </Title>
        <NativeSelect
          label={t('consoleOps.awards.team')}
          value={teamId}
          onChange={(change) => setTeamId(change.currentTarget.value)}
          required
          error={errors.byField.teamId}
          data={[{ value: '', label: t('consoleOps.awards.pickTeam') }, ...(teams.data?.items ?? []).map((team) => ({ value: team.id, label: team.name }))]}
        />
        <Group grow align="flex-start">
          <NumberInput
            label={t('consoleOps.awards.value')}
            description={t('consoleOps.awards.valueHint')}
            value={value}
            onChange={setValue}
            allowDecimal={false}
            required
            error={errors.byField.value}
          />
          <TextInput
            label={t('consoleOps.awards.reason')}
            value={reason}
            onChange={(change) => setReason(change.currentTarget.value)}
            required
            maxLength={500}
            error={errors.byField.reason}
          />
        </Group>
        {errors.rest.length > 0 && (
          <Alert color="red" role="alert">
            {errors.rest.join(' ')}
          </Alert>
        )}
        {give.isSuccess && (
          <Alert color="green" role="status">
            {t('consoleOps.awards.given')}
          </Alert>
        )}
        <Group>
          <Button type="submit" loading={give.isPending}>
            {t('consoleOps.awards.give')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** `/events/<slug>/manage/awards`: points given or taken with a reason (they count on the boards like solves). */
export function AwardsPage() {
  const { t } = useTranslation();
  const event = useConsoleEvent();
  const [page, setPage] = useState(1);
  const awards = useAwards(event.slug, page);
  const teams = useTeamChoices(event.slug);
  const remove = useRemoveAward(event.slug);
  const [removing, setRemoving] = useState<Award | null>(null);
  const names = new Map((teams.data?.items ?? []).map((team) => [team.id, team.name]));
  const nameOf = (award: Award) => names.get(award.teamId) ?? award.teamId;
  const rows = awards.data?.items ?? [];
  const total = awards.data?.total ?? 0;

  return (
    <Stack>
      <Title order={2}>{t('consoleOps.awards.title')}</Title>
      <AwardForm slug={event.slug} />
      <Modal opened={removing !== null} onClose={() => setRemoving(null)} title={t('consoleOps.awards.remove')} centered closeButtonProps={{ 'aria-label': t('teams.cancel') }}>
        <Text mb="md">{removing ? t('consoleOps.awards.confirmRemove', { value: removing.value, team: nameOf(removing), reason: removing.reason }) : ''}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => setRemoving(null)}>
            {t('teams.cancel')}
          </Button>
          <Button
            color="red"
            onClick={() => {
              if (removing) remove.mutate(removing.id);
              setRemoving(null);
            }}
          >
            {t('consoleOps.awards.confirmRemoveButton')}
          </Button>
        </Group>
      </Modal>
      {(awards.isError || remove.isError) && (
        <Alert color="red" role="alert">
          {awards.isError ? t('errors.loadFailed') : fieldErrors(remove.error, []).rest.join(' ')}
        </Alert>
      )}
      <TableScroll label={t('consoleOps.awards.title')}>
        <Table miw={560} striped aria-label={t('consoleOps.awards.title')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('consoleOps.awards.team')}</Table.Th>
              <Table.Th>{t('consoleOps.awards.value')}</Table.Th>
              <Table.Th>{t('consoleOps.awards.reason')}</Table.Th>
              <Table.Th>{t('consoleOps.awards.kind')}</Table.Th>
              <Table.Th>{t('consoleOps.awards.when')}</Table.Th>
              <Table.Th>
                <VisuallyHidden>{t('consoleOps.awards.actions')}</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((award) => (
              <Table.Tr key={award.id}>
                <Table.Td>{nameOf(award)}</Table.Td>
                <Table.Td>{award.value > 0 ? `+${award.value}` : award.value}</Table.Td>
                <Table.Td>{award.reason}</Table.Td>
                <Table.Td>
                  <Badge variant="light" color={award.kind === 'manual' ? 'blue' : 'gray'}>
                    {t(`consoleOps.awards.kinds.${award.kind}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <DateTime value={award.createdAt} />
                </Table.Td>
                <Table.Td>
                  {award.kind === 'manual' && (
                    <Button
                      size="xs"
                      variant="subtle"
                      color="red"
                      onClick={() => setRemoving(award)}
                      aria-label={t('consoleOps.awards.removeOne', { team: nameOf(award), reason: award.reason })}
                    >
                      {t('consoleOps.awards.remove')}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </TableScroll>
      {awards.isSuccess && rows.length === 0 && <Text c="dimmed">{t('consoleOps.awards.none')}</Text>}
      {total > OPS_PAGE && (
        <Pagination
          total={Math.ceil(total / OPS_PAGE)}
          value={page}
          onChange={setPage}
          getControlProps={(control) => ({ 'aria-label': t(`console.registrations.pages.${control}`) })}
          getItemProps={(number) => ({ 'aria-label': t('console.registrations.pages.page', { number }) })}
        />
      )}
    </Stack>
  );
}
