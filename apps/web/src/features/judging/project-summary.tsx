import { Badge, Group, Stack, Text, Title } from '@mantine/core';
import { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ExternalLink } from './external-link';

interface Summary {
  title: string;
  summary: string;
  teamName: string;
  repoUrl: string;
  videoUrl?: string | null;
  tracks?: string[];
}

/** A project as a judge reads it: every field is the team's text, rendered by React (so inert), links only when http(s). */
export function ProjectSummary({ project, heading }: { project: Summary; heading?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs">
      {heading}
      <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
        {t('judging.project.team', { team: project.teamName })}
      </Text>
      {project.tracks && project.tracks.length > 0 && (
        <Group gap="xs">
          {project.tracks.map((track) => (
            <Badge key={track} variant="light">
              {track}
            </Badge>
          ))}
        </Group>
      )}
      <Text style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{project.summary}</Text>
      <Text size="sm">
        <Text span fw={500}>
          {t('judging.project.repo')}
        </Text>{' '}
        <ExternalLink href={project.repoUrl} />
      </Text>
      {project.videoUrl && (
        <Text size="sm">
          <Text span fw={500}>
            {t('judging.project.video')}
          </Text>{' '}
          <ExternalLink href={project.videoUrl} />
        </Text>
      )}
    </Stack>
  );
}

export function ProjectTitle({ order, id, children }: { order: 1 | 2 | 3; id?: string; children: string }) {
  return (
    <Title order={order} id={id} size={order === 1 ? 'h2' : 'h3'} style={{ overflowWrap: 'anywhere' }}>
      {children}
    </Title>
  );
}
