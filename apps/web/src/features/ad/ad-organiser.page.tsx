import { Alert, Button, Container, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { PageLoader } from '../../components/page-loader';
import { RequireSignIn } from '../auth/require-sign-in';
import { useEvent } from '../events/events.queries';
import classes from './ad.module.css';
import { useAdServices, useIsAdOrganiser } from './ad.queries';
import { ChecksTable } from './checks.table';
import { ScrollBox } from './scroll-box';
import { ServiceForm } from './service.form';
import { VulnboxesPanel } from './vulnboxes.panel';

function ServicesList({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const services = useAdServices(slug);
  if (!services.data?.length) return <Text c="dimmed">{services.isPending ? t('common.loading') : t('ad.services.empty')}</Text>;
  return (
    <ScrollBox label={t('ad.services.tableLabel')}>
      <Table withTableBorder striped aria-label={t('ad.services.tableLabel')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('ad.services.name')}</Table.Th>
            <Table.Th scope="col">{t('ad.services.port')}</Table.Th>
            <Table.Th scope="col">{t('ad.services.vulns')}</Table.Th>
            <Table.Th scope="col">{t('ad.services.timeout')}</Table.Th>
            <Table.Th scope="col">{t('ad.services.checkerCommand')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {services.data.map((service) => (
            <Table.Tr key={service.id}>
              <Table.Th scope="row">{service.name}</Table.Th>
              <Table.Td className={classes.number}>{service.port}</Table.Td>
              <Table.Td className={classes.number}>{service.vulns}</Table.Td>
              <Table.Td className={classes.number}>{service.checkerTimeoutSeconds}</Table.Td>
              <Table.Td className={classes.mono}>{service.checkerCommand}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollBox>
  );
}

function OrganiserContent({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const event = useEvent(slug);
  const organiser = useIsAdOrganiser(slug, event.data?.kind === 'ad');
  if (event.isPending || (event.data?.kind === 'ad' && organiser.isPending)) return <PageLoader />;
  if (event.isError) {
    return (
      <Alert color="red" role="alert">
        {t('errors.loadFailed')}
      </Alert>
    );
  }
  if (event.data.kind !== 'ad') {
    return (
      <Alert color="yellow" role="alert">
        {t('ad.notAd')}
      </Alert>
    );
  }
  if (!organiser.data) {
    return (
      <Alert color="yellow" role="alert">
        {t('ad.organiser.forbidden')}
      </Alert>
    );
  }
  const base = `/events/${encodeURIComponent(slug)}`;
  return (
    <Stack gap="xl">
      <div>
        <Title order={1}>{t('ad.organiser.title', { event: event.data.title })}</Title>
        <Group gap="xs" mt="sm">
          <Button component={Link} to={base} variant="default">
            {t('board.backToEvent')}
          </Button>
          <Button component={Link} to={`${base}/board`} variant="light">
            {t('ad.grid.open')}
          </Button>
        </Group>
      </div>
      <section aria-labelledby="services-title">
        <Title order={2} id="services-title" mb="xs">
          {t('ad.services.title')}
        </Title>
        <ServicesList slug={slug} />
        <Title order={3} id="service-form-title" mt="md" mb="xs">
          {t('ad.services.addTitle')}
        </Title>
        <ServiceForm slug={slug} />
      </section>
      <section aria-labelledby="vulnboxes-title">
        <Title order={2} id="vulnboxes-title" mb="xs">
          {t('ad.vulnboxes.title')}
        </Title>
        <VulnboxesPanel slug={slug} />
      </section>
      <section aria-labelledby="checks-title">
        <Title order={2} id="checks-title" mb="xs">
          {t('ad.checks.title')}
        </Title>
        <ChecksTable slug={slug} />
      </section>
    </Stack>
  );
}

/** The organisers' attack-defence page: services (and adding one), vulnboxes, and the checkers' latest runs. */
export function AdOrganiserPage() {
  const { slug = '' } = useParams();
  return (
    <RequireSignIn>
      <Container size="lg" px="xs">
        <OrganiserContent slug={slug} />
      </Container>
    </RequireSignIn>
  );
}
