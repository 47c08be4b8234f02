import { Badge, Group, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ConfirmButton } from './confirm.button';
import { Team, useRemoveMember, useTransferCaptain } from './teams.queries';

interface Props {
  slug: string;
  team: Team;
  myId: string;
  captain: boolean;
  onError: (error: unknown) => void;
}

/** The members; the captain's row actions (make captain, remove) on the others. */
export function TeamMembersTable({ slug, team, myId, captain, onError }: Props) {
  const { t } = useTranslation();
  const transfer = useTransferCaptain(slug);
  const remove = useRemoveMember(slug);
  return (
    <Table.ScrollContainer minWidth={320}>
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('teams.member')}</Table.Th>
            <Table.Th>{t('teams.country')}</Table.Th>
            <Table.Th>{t('teams.role')}</Table.Th>
            {captain && <Table.Th>{t('teams.actions')}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {team.members.map((member) => (
            <Table.Tr key={member.userId}>
              <Table.Td>
                {/* Plain text: React escapes it, so a display name with markup stays inert. */}
                <Text span>{member.displayName}</Text>
                {member.userId === myId && (
                  <Text span c="dimmed" size="sm">
                    {' '}
                    ({t('teams.you')})
                  </Text>
                )}
              </Table.Td>
              <Table.Td>{member.country}</Table.Td>
              <Table.Td>
                <Badge variant={member.role === 'captain' ? 'filled' : 'light'}>{t(`teams.roles.${member.role}`)}</Badge>
              </Table.Td>
              {captain && (
                <Table.Td>
                  {member.userId !== myId && (
                    <Group gap="xs" wrap="nowrap">
                      <ConfirmButton
                        size="xs"
                        variant="light"
                        color="blue"
                        label={t('teams.makeCaptain', { name: member.displayName })}
                        message={t('teams.makeCaptainConfirm', { name: member.displayName })}
                        confirmLabel={t('teams.makeCaptainShort')}
                        loading={transfer.isPending && transfer.variables === member.userId}
                        onConfirm={() => transfer.mutate(member.userId, { onError })}
                      />
                      <ConfirmButton
                        size="xs"
                        variant="light"
                        label={t('teams.remove', { name: member.displayName })}
                        message={t('teams.removeConfirm', { name: member.displayName })}
                        confirmLabel={t('teams.removeShort')}
                        loading={remove.isPending && remove.variables === member.userId}
                        onConfirm={() => remove.mutate(member.userId, { onError })}
                      />
                    </Group>
                  )}
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
