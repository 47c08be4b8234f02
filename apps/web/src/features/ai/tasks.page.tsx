import { Alert, Anchor, Badge, Card, Container, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { DateTime } from '../../components/date-time';
import { PageLoader } from '../../components/page-loader';
import { useTasks } from './ai.queries';

export function TasksPage() {
  const { t } = useTranslation();
  const { slug = '' } = useParams();
  const tasks = useTasks(slug);
  return (
    <Container size="lg">
      <Stack>
        <div>
          <Anchor component={Link} to={`/events/${encodeURIComponent(slug)}`} size="sm">
            {t('ai.backToEvent')}
          </Anchor>
          <Title order={1}>{t('ai.tasksTitle')}</Title>
        </div>
        {tasks.isPending ? (
          <PageLoader />
        ) : tasks.isError ? (
          <Alert color="red">{t('errors.loadFailed')}</Alert>
        ) : tasks.data.length === 0 ? (
          <Text c="dimmed">{t('ai.noTasks')}</Text>
        ) : (
          <SimpleGrid cols={{ base: 1, sm: 2 }} component="ul" style={{ listStyle: 'none', padding: 0 }}>
            {tasks.data.map((task) => (
              <Card key={task.id} withBorder component="li">
                <Stack gap={4}>
                  <Anchor component={Link} to={`/events/${encodeURIComponent(slug)}/tasks/${task.id}`} fw={600}>
                    {task.name}
                  </Anchor>
                  <Group gap="xs">
                    <Badge variant="outline">{t('ai.task.metric', { metric: task.metric })}</Badge>
                    <Badge variant="light">{task.higherIsBetter ? t('ai.task.higherIsBetter') : t('ai.task.lowerIsBetter')}</Badge>
                  </Group>
                  <Text size="sm">
                    {t('ai.task.deadline')}: <DateTime value={task.deadline} />
                  </Text>
                </Stack>
              </Card>
            ))}
          </SimpleGrid>
        )}
      </Stack>
    </Container>
  );
}
