import { Alert, Badge, Button, Checkbox, Group, List, Modal, NativeSelect, Pagination, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrors } from '../../api/client';
import { DateTime } from '../../components/date-time';
import { RegistrationStatusBadge } from '../teams/registration-status.badge';
import { useConsoleEvent } from './console.layout';
import { Decision, DecisionsResult, ManagedRegistration, REGISTRATIONS_PAGE, RegistrationStatus, useDecideRegistrations, useRegistrations } from './console.queries';

const STATUSES: RegistrationStatus[] = ['pending', 'approved', 'waitlisted', 'rejected'];
const DECISIONS: { status: Decision; colour: string }[] = [
  { status: 'approved', colour: 'green' },
  { status: 'rejected', colour: 'red' },
  { status: 'waitlisted', colour: 'blue' },
];

const nameOf = (rows: ManagedRegistration[], id: string) => rows.find((row) => row.id === id)?.user?.displayName ?? id;

/** What the API did with a bulk decision: how many, which it refused and why, who moved up from the waitlist. */
function DecisionReport({ result, rows }: { result: DecisionsResult; rows: ManagedRegistration[] }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs" role="status">
      <Alert color="green">{t('console.registrations.decided', { count: result.decided.length })}</Alert>
      {result.refused.length > 0 && (
        <Alert color="orange" title={t('console.registrations.refused', { count: result.refused.length })}>
          <List size="sm">
            {result.refused.map((refusal) => (
              <List.Item key={refusal.id}>
                {nameOf(rows, refusal.id)}: {refusal.message}
              </List.Item>
            ))}
          </List>
        </Alert>
      )}
      {result.promoted.length > 0 && (
        <Alert color="blue" title={t('console.registrations.promoted', { count: result.promoted.length })}>
          <List size="sm">
            {result.promoted.map((row) => (
              <List.Item key={row.id}>
                {row.user?.displayName ?? row.id} ({t(`registration.status.${row.status}`)})
              </List.Item>
            ))}
          </List>
        </Alert>
      )}
    </Stack>
  );
}

/** `/events/<slug>/manage/registrations`: filter, search, the answers, and decisions for the selected rows. */
export function RegistrationsPage() {
  const { t } = useTranslation();
  const event = useConsoleEvent();
  const questions = event.registration.questions;
  const [status, setStatus] = useState<RegistrationStatus | null>(null);
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 300);
  const [page, setPage] = useState(1);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [confirming, setConfirming] = useState<Decision | null>(null);
  const registrations = useRegistrations(event.slug, { status, search: debounced, page });
  const decide = useDecideRegistrations(event.slug);
  const rows = registrations.data?.items ?? [];
  const total = registrations.data?.total ?? 0;
  const allOnPage = rows.length > 0 && rows.every((row) => selected.has(row.id));

  const toggle = (id: string, on: boolean) =>
    setSelected((old) => {
      const next = new Set(old);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const refilter = (change: () => void) => {
    change();
    setPage(1);
    setSelected(new Set());
  };
  const confirm = () => {
    if (!confirming) return;
    decide.mutate({ ids: [...selected], status: confirming }, { onSuccess: () => setSelected(new Set()) });
    setConfirming(null);
  };

  return (
    <Stack>
      <Title order={2}>{t('console.registrations.title')}</Title>
      <Group align="flex-end">
        <NativeSelect
          label={t('console.registrations.statusFilter')}
          value={status ?? ''}
          onChange={(change) => refilter(() => setStatus((change.currentTarget.value || null) as RegistrationStatus | null))}
          data={[{ value: '', label: t('console.registrations.allStatuses') }, ...STATUSES.map((value) => ({ value, label: t(`registration.status.${value}`) }))]}
        />
        <TextInput
          type="search"
          label={t('console.registrations.search')}
          placeholder={t('console.registrations.searchHint')}
          value={search}
          onChange={(change) => {
            const value = change.currentTarget.value;
            refilter(() => setSearch(value));
          }}
          style={{ flex: 1, minWidth: 200 }}
        />
      </Group>
      <Group gap="xs" aria-label={t('console.registrations.bulk')} role="group">
        <Text size="sm" aria-live="polite">
          {t('console.registrations.selected', { count: selected.size })}
        </Text>
        {DECISIONS.map(({ status: decision, colour }) => (
          <Button key={decision} size="xs" color={colour} variant="light" disabled={selected.size === 0} loading={decide.isPending} onClick={() => setConfirming(decision)}>
            {t(`console.registrations.actions.${decision}`)}
          </Button>
        ))}
      </Group>
      <Modal
        opened={confirming !== null}
        onClose={() => setConfirming(null)}
        title={confirming ? t(`console.registrations.actions.${confirming}`) : ''}
        centered
        closeButtonProps={{ 'aria-label': t('teams.cancel') }}
      >
        <Text mb="md">{confirming ? t(`console.registrations.confirm.${confirming}`, { count: selected.size }) : ''}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => setConfirming(null)}>
            {t('teams.cancel')}
          </Button>
          <Button color={DECISIONS.find((item) => item.status === confirming)?.colour} onClick={confirm}>
            {t('console.registrations.confirmButton', { count: selected.size })}
          </Button>
        </Group>
      </Modal>
      {decide.data && <DecisionReport result={decide.data} rows={[...rows, ...decide.data.decided]} />}
      {decide.isError && (
        <Alert color="red" role="alert">
          {t('console.registrations.failed')} {fieldErrors(decide.error, []).rest.join(' ')}
        </Alert>
      )}
      {registrations.isError && (
        <Alert color="red" role="alert">
          {t('errors.loadFailed')}
        </Alert>
      )}
      <Table.ScrollContainer minWidth={640}>
        <Table striped highlightOnHover aria-label={t('console.registrations.title')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>
                <Checkbox
                  aria-label={t('console.registrations.selectPage')}
                  checked={allOnPage}
                  indeterminate={!allOnPage && rows.some((row) => selected.has(row.id))}
                  onChange={(change) => {
                    const on = change.currentTarget.checked;
                    setSelected((old) => {
                      const next = new Set(old);
                      for (const row of rows) {
                        if (on) next.add(row.id);
                        else next.delete(row.id);
                      }
                      return next;
                    });
                  }}
                />
              </Table.Th>
              <Table.Th>{t('console.registrations.name')}</Table.Th>
              <Table.Th>{t('console.registrations.email')}</Table.Th>
              <Table.Th>{t('console.registrations.country')}</Table.Th>
              <Table.Th>{t('console.registrations.status')}</Table.Th>
              <Table.Th>{t('console.registrations.registeredAt')}</Table.Th>
              {questions.map((question) => (
                <Table.Th key={question.id}>{question.label}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => {
              const name = row.user?.displayName ?? row.userId;
              return (
                <Table.Tr key={row.id} aria-selected={selected.has(row.id)}>
                  <Table.Td>
                    <Checkbox
                      aria-label={t('console.registrations.select', { name })}
                      checked={selected.has(row.id)}
                      onChange={(change) => toggle(row.id, change.currentTarget.checked)}
                    />
                  </Table.Td>
                  {/* Registrant-written text (names, answers) is rendered as text: React escapes it, markup stays inert. */}
                  <Table.Td>{name}</Table.Td>
                  <Table.Td>{row.user?.email}</Table.Td>
                  <Table.Td>{row.user?.country}</Table.Td>
                  <Table.Td>
                    <RegistrationStatusBadge status={row.status} />
                  </Table.Td>
                  <Table.Td>
                    <DateTime value={row.createdAt} />
                  </Table.Td>
                  {questions.map((question) => {
                    const answer = row.answers[question.id];
                    return <Table.Td key={question.id}>{typeof answer === 'string' ? answer : answer === undefined ? '' : JSON.stringify(answer)}</Table.Td>;
                  })}
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {registrations.isSuccess && rows.length === 0 && <Text c="dimmed">{t('console.registrations.none')}</Text>}
      <Group justify="space-between">
        <Badge variant="light">{t('console.registrations.total', { count: total })}</Badge>
        {total > REGISTRATIONS_PAGE && (
          <Pagination
            total={Math.ceil(total / REGISTRATIONS_PAGE)}
            value={page}
            onChange={(next) => {
              setPage(next);
              setSelected(new Set());
            }}
            getControlProps={(control) => ({ 'aria-label': t(`console.registrations.pages.${control}`) })}
            getItemProps={(number) => ({ 'aria-label': t('console.registrations.pages.page', { number }) })}
          />
        )}
      </Group>
    </Stack>
  );
}
