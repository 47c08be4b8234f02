import './judging.i18n';
import { Alert, Anchor, Card, Container, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { formatBytes } from '../../components/format-bytes';
import { Markdown } from '../../components/markdown';
import { PageLoader } from '../../components/page-loader';
import { useMe } from '../auth/auth.queries';
import { RequireSignIn } from '../auth/require-sign-in';
import { ChecksList } from '../hackathon/checks.list';
import { useHackathonSettings } from '../hackathon/hackathon.queries';
import { useAssignments, useCriteria, useJudgedProject, useMyScores } from './judging.queries';
import { ProjectSummary, ProjectTitle } from './project-summary';
import { RecusalButton } from './recusal.button';
import { RubricForm } from './rubric.form';

const statusOf = (error: unknown) => (error as { statusCode?: number } | null)?.statusCode;

function JudgeProject({ slug, projectId }: { slug: string; projectId: string }) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const assignments = useAssignments(slug);
  // Organisers get every judge's rows: only the viewer's own active assignment opens the rubric.
  const assignment = assignments.data?.find((item) => item.projectId === projectId && item.judgeId === me.data?.id && (item.status ?? 'active') === 'active');
  const settings = useHackathonSettings(slug);
  const project = useJudgedProject(slug, projectId, assignment !== undefined);
  const criteria = useCriteria(slug);
  const scores = useMyScores(slug, projectId, assignment !== undefined);
  if (assignments.isError) {
    // 403: not a judge (nor an organiser) of this event; the page shows nothing of the project.
    return (
      <Alert color="yellow" role="alert">
        {statusOf(assignments.error) === 403 ? t('judging.noAccess') : t('errors.loadFailed')}
      </Alert>
    );
  }
  if (assignments.isPending || me.isPending || settings.isPending) return <PageLoader />;
  if (!assignment || !me.data) {
    return (
      <Alert color="yellow" role="alert">
        {t('judging.notAssigned')}
      </Alert>
    );
  }
  if (project.isPending || criteria.isPending || scores.isPending) return <PageLoader />;
  if (project.isError || criteria.isError || scores.isError || settings.isError) return <Alert color="red">{t('errors.loadFailed')}</Alert>;
  const closed = settings.data.judgingClosed;
  const data = project.data;
  return (
    <Stack gap="lg">
      <Card withBorder component="section" aria-labelledby="project-title">
        <ProjectSummary
          project={data}
          heading={
            <ProjectTitle order={1} id="project-title">
              {data.title}
            </ProjectTitle>
          }
        />
        {data.description && (
          <Stack gap={0} mt="sm">
            <Title order={2} size="h4">
              {t('judging.project.description')}
            </Title>
            <Markdown>{data.description}</Markdown>
          </Stack>
        )}
      </Card>
      <Card withBorder component="section" aria-labelledby="judge-checks-title">
        <Stack gap="xs">
          <Title order={2} size="h3" id="judge-checks-title">
            {t('judging.project.checks')}
          </Title>
          {data.archive ? (
            <Text size="sm">{t('judging.project.archive', { name: data.archive.name, size: formatBytes(data.archive.size, i18n.language) })}</Text>
          ) : (
            <Text size="sm" c="dimmed">
              {t('judging.project.noArchive')}
            </Text>
          )}
          {data.archive && <ChecksList checks={data.checks ?? []} />}
        </Stack>
      </Card>
      <Card withBorder component="section" aria-labelledby="rubric-title">
        <Title order={2} size="h3" id="rubric-title" mb="sm">
          {t('judging.rubric.title')}
        </Title>
        {criteria.data.length === 0 ? (
          <Text c="dimmed">{t('judging.rubric.noCriteria')}</Text>
        ) : (
          <RubricForm key={`${projectId}:${me.data.id}`} slug={slug} projectId={projectId} judgeId={me.data.id} criteria={criteria.data} saved={scores.data} closed={closed} />
        )}
      </Card>
      {!closed && (
        <Card withBorder component="section" aria-labelledby="recusal-title">
          <Stack gap="xs">
            <Title order={2} size="h3" id="recusal-title">
              {t('judging.recusal.title')}
            </Title>
            <Text size="sm">{t('judging.recusal.hint')}</Text>
            <Group>
              <RecusalButton slug={slug} teamId={data.teamId} title={data.title} />
            </Group>
          </Stack>
        </Card>
      )}
    </Stack>
  );
}

export function JudgeProjectPage() {
  const { t } = useTranslation();
  const { slug = '', projectId = '' } = useParams();
  return (
    <RequireSignIn>
      <Container size="md">
        <Stack>
          <Anchor component={Link} to="/judging" size="sm">
            {t('judging.back')}
          </Anchor>
          <JudgeProject slug={slug} projectId={projectId} />
        </Stack>
      </Container>
    </RequireSignIn>
  );
}
