import { Alert, Anchor, Card, Container, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { DateTime } from '../../components/date-time';
import { formatBytes } from '../../components/format-bytes';
import { PageLoader } from '../../components/page-loader';
import { useNow } from '../../components/use-now';
import { RequireSignIn } from '../auth/require-sign-in';
import { useEvent } from '../events/events.queries';
import { ArchiveUploadForm } from './archive-upload.form';
import { ChecksList } from './checks.list';
import { useHackathonSettings, useMyProject } from './hackathon.queries';
import { ProjectForm } from './project.form';

function ProjectSections({ slug }: { slug: string }) {
  const { t, i18n } = useTranslation();
  const event = useEvent(slug);
  const settings = useHackathonSettings(slug);
  const mine = useMyProject(slug);
  const now = useNow(30_000);
  if (event.isPending || settings.isPending || mine.isPending) return <PageLoader />;
  if (mine.isError) {
    const status = (mine.error as { statusCode?: number }).statusCode;
    return <Alert color="yellow">{status === 403 ? t('hackathon.needTeam') : t('errors.loadFailed')}</Alert>;
  }
  if (event.isError || settings.isError) return <Alert color="red">{t('errors.loadFailed')}</Alert>;
  const project = mine.data;
  // Projects are edited until the event ends (the API refuses later edits; this only greys the form).
  const open = now < new Date(event.data.endsAt).getTime();
  return (
    <Stack gap="lg">
      <Text>
        {open ? t('hackathon.editUntil') : t('hackathon.closed')} <DateTime value={event.data.endsAt} />
      </Text>
      <Card withBorder component="section" aria-labelledby="project-form-title">
        <Title order={2} size="h3" id="project-form-title" mb="sm">
          {project ? t('hackathon.form.editTitle') : t('hackathon.form.newTitle')}
        </Title>
        {/* Keyed by version: a saved or uploaded change refills the form from the API's answer. */}
        <ProjectForm key={project ? `${project.id}:${project.version}` : 'new'} slug={slug} project={project} tracks={settings.data.tracks} open={open} />
      </Card>
      {project && (
        <Card withBorder component="section" aria-labelledby="archive-title">
          <Stack gap="sm">
            <Title order={2} size="h3" id="archive-title">
              {t('hackathon.archive.title')}
            </Title>
            {project.archive ? (
              <Text size="sm">
                {t('hackathon.archive.current', { name: project.archive.name, size: formatBytes(project.archive.size, i18n.language) })}{' '}
                <DateTime value={project.archive.uploadedAt} />
              </Text>
            ) : (
              <Text size="sm" c="dimmed">
                {t('hackathon.archive.none')}
              </Text>
            )}
            <ArchiveUploadForm slug={slug} projectId={project.id} maxUploadBytes={settings.data.maxUploadBytes} open={open} />
            <Title order={3} size="h4" id="checks-title">
              {t('hackathon.checks.title')}
            </Title>
            <ChecksList checks={project.checks ?? []} />
          </Stack>
        </Card>
      )}
    </Stack>
  );
}

export function ProjectPage() {
  const { t } = useTranslation();
  const { slug = '' } = useParams();
  return (
    <RequireSignIn>
      <Container size="md">
        <Stack>
          <div>
            <Anchor component={Link} to={`/events/${encodeURIComponent(slug)}`} size="sm">
              {t('hackathon.backToEvent')}
            </Anchor>
            <Title order={1}>{t('hackathon.title')}</Title>
          </div>
          <ProjectSections slug={slug} />
        </Stack>
      </Container>
    </RequireSignIn>
  );
}
