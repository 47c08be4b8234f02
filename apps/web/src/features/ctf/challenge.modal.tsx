import { Alert, Anchor, Badge, Button, Code, Divider, Group, List, Modal, Stack, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Markdown } from '../../components/markdown';
import { Challenge, downloadFile } from './challenges.queries';
import { FlagForm } from './flag.form';
import { HintsList } from './hints.list';

const isWebAddress = (value: string) => /^https?:\/\/\S+$/i.test(value.trim());

function formatSize(bytes: number, locale: string): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return new Intl.NumberFormat(locale, { style: 'unit', unit: units[unit], unitDisplay: 'short', maximumFractionDigits: 1 }).format(value);
}

function Files({ files }: { files: Challenge['files'] }) {
  const { t, i18n } = useTranslation();
  const [failed, setFailed] = useState<string | null>(null);
  return (
    <>
      <List spacing={4}>
        {files.map((file) => (
          <List.Item key={file.url}>
            <Anchor
              component="button"
              type="button"
              onClick={() => {
                setFailed(null);
                downloadFile(file).catch(() => setFailed(file.name));
              }}
            >
              {t('ctf.download', { name: file.name })}
            </Anchor>{' '}
            <Text span size="sm" c="dimmed">
              ({formatSize(file.size, i18n.language)})
            </Text>
          </List.Item>
        ))}
      </List>
      {failed && (
        <Text size="sm" c="red" role="status">
          {t('ctf.downloadFailed', { name: failed })}
        </Text>
      )}
    </>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section aria-label={title}>
      <Title order={3} size="h5" mb={4}>
        {title}
      </Title>
      {children}
    </section>
  );
}

function ChallengeBody({ slug, challenge }: { slug: string; challenge: Challenge }) {
  const { t } = useTranslation();
  return (
    <Stack gap="md">
      <Group gap="xs">
        <Badge variant="outline">{challenge.category}</Badge>
        <Text fw={700}>{t('ctf.points', { value: challenge.value })}</Text>
        <Text size="sm" c="dimmed">
          {t('ctf.solves', { count: challenge.solves })}
        </Text>
        {challenge.solvedByMe && <Badge color="green">{t('ctf.solved')}</Badge>}
      </Group>
      {challenge.firstBlood && <Text size="sm">{t('ctf.firstBlood', { team: challenge.firstBlood.teamName })}</Text>}
      {challenge.author && (
        <Text size="sm" c="dimmed">
          {t('ctf.author', { name: challenge.author })}
        </Text>
      )}
      <Markdown>{challenge.description}</Markdown>
      {challenge.connectionInfo && (
        <Section title={t('ctf.connection')}>
          {isWebAddress(challenge.connectionInfo) ? (
            <Anchor href={challenge.connectionInfo.trim()} target="_blank" rel="noopener noreferrer nofollow">
              {challenge.connectionInfo}
            </Anchor>
          ) : (
            <Code block style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
              {challenge.connectionInfo}
            </Code>
          )}
        </Section>
      )}
      {challenge.files.length > 0 && (
        <Section title={t('ctf.files')}>
          <Files files={challenge.files} />
        </Section>
      )}
      {challenge.hints.length > 0 && (
        <Section title={t('ctf.hints')}>
          <HintsList slug={slug} hints={challenge.hints} />
        </Section>
      )}
      <Divider />
      <FlagForm key={challenge.id} slug={slug} challengeId={challenge.id} attemptsLeft={challenge.attemptsLeft} />
    </Stack>
  );
}

/** The challenge view over the board, at its own address (/events/:slug/challenges/:id) so it can be linked. */
export function ChallengeModal({ slug, challenge, onClose }: { slug: string; challenge: Challenge | undefined; onClose: () => void }) {
  const { t } = useTranslation();
  const narrow = useMediaQuery('(max-width: 36em)');
  return (
    <Modal opened onClose={onClose} title={challenge?.name ?? t('ctf.unavailableTitle')} size="lg" fullScreen={narrow} closeButtonProps={{ 'aria-label': t('ctf.close') }}>
      {challenge ? (
        <ChallengeBody slug={slug} challenge={challenge} />
      ) : (
        <Stack>
          {/* Locked, hidden and unknown challenges are all absent from the list: the page cannot tell them apart. */}
          <Alert color="yellow">{t('ctf.unavailable')}</Alert>
          <Button variant="default" onClick={onClose}>
            {t('ctf.backToBoard')}
          </Button>
        </Stack>
      )}
    </Modal>
  );
}
