import { Alert, Button, Code, CopyButton, Group, List, TextInput, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import classes from './ad.module.css';
import { useTeamTokens } from './ad.queries';

/**
 * The team's token for the TCP flag submission, with a copy button and how to use it: the port comes with the token
 * (AD_TCP_PORT), on the host this page came from.
 */
export function TeamTokenPanel({ slug, teamId }: { slug: string; teamId: string }) {
  const { t } = useTranslation();
  const tokens = useTeamTokens(slug, true);
  if (tokens.isPending) return <Text c="dimmed">{t('common.loading')}</Text>;
  if (tokens.isError) {
    return (
      <Alert color="yellow" role="alert">
        {(tokens.error as unknown as ApiError).message ? [(tokens.error as unknown as ApiError).message].flat().join(' ') : t('errors.loadFailed')}
      </Alert>
    );
  }
  const entry = tokens.data.find((candidate) => candidate.teamId === teamId);
  if (!entry) return <Text c="dimmed">{t('ad.token.none')}</Text>;
  const { token, tcpPort } = entry;
  return (
    <>
      <Group align="flex-end" gap="xs">
        <TextInput
          label={t('ad.token.label')}
          readOnly
          value={token}
          classNames={{ input: classes.mono }}
          style={{ flex: 1, minWidth: 0 }}
          onFocus={(e) => e.currentTarget.select()}
        />
        <CopyButton value={token}>
          {({ copied, copy }) => (
            <Button variant={copied ? 'filled' : 'light'} color={copied ? 'teal' : undefined} onClick={copy}>
              {copied ? t('ad.token.copied') : t('ad.token.copy')}
            </Button>
          )}
        </CopyButton>
      </Group>
      <Text size="sm" mt="sm">
        {t('ad.token.howTitle')}
      </Text>
      <List size="sm" type="ordered" spacing={4}>
        <List.Item>{t('ad.token.howConnect')}</List.Item>
        <List.Item>{t('ad.token.howToken')}</List.Item>
        <List.Item>
          {t('ad.token.howFlags')} <Code>{'<flag> <OK|DUP|OWN|OLD|INV> [message]'}</Code>
        </List.Item>
      </List>
      {tcpPort === null ? (
        <Text size="sm" c="dimmed" mt="xs">
          {t('ad.token.tcpOff')}
        </Text>
      ) : (
        <Text size="sm" mt="xs">
          {t('ad.token.portIs', { port: tcpPort })} <Code>{`nc ${window.location.hostname} ${tcpPort}`}</Code>
        </Text>
      )}
      <Text size="sm" c="dimmed" mt="xs">
        {t('ad.token.http')} <Code>{`POST /api/v1/events/${slug}/ad/flags {"flags": ["…"]}`}</Code>
      </Text>
    </>
  );
}
