import './admin.i18n';
import { Alert, Badge, Button, Group, NativeSelect, Pagination, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateTime } from '../../components/date-time';
import { PageLoader } from '../../components/page-loader';
import { useMe } from '../auth/auth.queries';
import { PAGE, PlatformRole, ROLES, UsersFilter, useUpdateUser, useUsers } from './admin.queries';

/** `/admin/users`: every account, searched by email or name, with its role and whether it is disabled. */
export function UsersPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [filter, setFilter] = useState<UsersFilter>({ search: '', role: null, page: 1 });
  const users = useUsers(filter);
  const update = useUpdateUser();
  const refusal = update.error as { message?: string | string[] } | null;
  return (
    <Stack gap="md">
      <Title order={2}>{t('admin.users.title')}</Title>
      <Group align="flex-end" wrap="wrap">
        <TextInput
          label={t('admin.users.search')}
          description={t('admin.users.searchHint')}
          value={filter.search}
          onChange={(change) => setFilter({ ...filter, search: change.currentTarget.value, page: 1 })}
          style={{ flex: '1 1 14rem' }}
          maxLength={200}
        />
        <NativeSelect
          label={t('admin.users.role')}
          value={filter.role ?? ''}
          onChange={(change) => setFilter({ ...filter, role: (change.currentTarget.value || null) as PlatformRole | null, page: 1 })}
          data={[{ value: '', label: t('admin.users.anyRole') }, ...ROLES.map((role) => ({ value: role, label: t(`admin.roles.${role}`) }))]}
        />
      </Group>
      {refusal && (
        <Alert color="red" role="alert">
          {[refusal.message ?? t('errors.loadFailed')].flat().join(' ')}
        </Alert>
      )}
      {users.isPending ? (
        <PageLoader />
      ) : users.isError ? (
        <Alert color="red" role="alert">
          {t('errors.loadFailed')}
        </Alert>
      ) : users.data.items.length === 0 ? (
        <Text c="dimmed">{t('admin.users.none')}</Text>
      ) : (
        <>
          <Text size="sm" c="dimmed">
            {t('admin.users.total', { count: users.data.total })}
          </Text>
          <Table.ScrollContainer minWidth={720}>
            <Table striped aria-label={t('admin.users.title')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('admin.users.name')}</Table.Th>
                  <Table.Th>{t('admin.users.email')}</Table.Th>
                  <Table.Th>{t('admin.users.country')}</Table.Th>
                  <Table.Th>{t('admin.users.joined')}</Table.Th>
                  <Table.Th>{t('admin.users.role')}</Table.Th>
                  <Table.Th>{t('admin.users.status')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {users.data.items.map((user) => {
                  const self = user.id === me.data?.id;
                  return (
                    <Table.Tr key={user.id}>
                      <Table.Td>{user.displayName}</Table.Td>
                      <Table.Td>{user.email}</Table.Td>
                      <Table.Td>{user.country}</Table.Td>
                      <Table.Td>
                        <DateTime value={user.createdAt} />
                      </Table.Td>
                      <Table.Td>
                        <NativeSelect
                          aria-label={t('admin.users.roleOf', { name: user.displayName })}
                          value={user.role}
                          disabled={self || update.isPending}
                          onChange={(change) => update.mutate({ id: user.id, role: change.currentTarget.value as PlatformRole })}
                          data={ROLES.map((role) => ({ value: role, label: t(`admin.roles.${role}`) }))}
                        />
                      </Table.Td>
                      <Table.Td>
                        <Group gap="xs" wrap="nowrap">
                          <Badge color={user.disabled ? 'red' : 'green'} variant="light">
                            {user.disabled ? t('admin.users.disabled') : t('admin.users.active')}
                          </Badge>
                          {!self && (
                            <Button
                              size="xs"
                              variant="light"
                              color={user.disabled ? 'green' : 'red'}
                              disabled={update.isPending}
                              aria-label={user.disabled ? t('admin.users.enableOf', { name: user.displayName }) : t('admin.users.disableOf', { name: user.displayName })}
                              onClick={() => update.mutate({ id: user.id, disabled: !user.disabled })}
                            >
                              {user.disabled ? t('admin.users.enable') : t('admin.users.disable')}
                            </Button>
                          )}
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {users.data.total > PAGE && (
            <Pagination
              total={Math.ceil(users.data.total / PAGE)}
              value={filter.page}
              onChange={(page) => setFilter({ ...filter, page })}
              aria-label={t('admin.pages')}
              getControlProps={(control) => ({ 'aria-label': t(`console.registrations.pages.${control}`) })}
              getItemProps={(number) => ({ 'aria-label': t('console.registrations.pages.page', { number }) })}
            />
          )}
        </>
      )}
    </Stack>
  );
}
