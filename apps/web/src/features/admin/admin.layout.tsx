import './admin.i18n';
import { Alert, Container, Grid, NavLink, Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation } from 'react-router';
import { PageLoader } from '../../components/page-loader';
import { useMe } from '../auth/auth.queries';
import { RequireSignIn } from '../auth/require-sign-in';

const SECTIONS = ['users', 'events'] as const;

function Shell() {
  const { t } = useTranslation();
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <PageLoader />;
  // The API refuses anyone else anyway; this says so instead of pages that cannot load.
  if (me.data?.role !== 'admin') {
    return (
      <Container size="md">
        <Stack>
          <Title order={1}>{t('admin.title')}</Title>
          <Alert color="red" role="alert">
            {t('admin.notAllowed')}
          </Alert>
        </Stack>
      </Container>
    );
  }
  return (
    <Container size="xl">
      <Stack gap="md">
        <Title order={1}>{t('admin.title')}</Title>
        <Grid>
          <Grid.Col span={{ base: 12, md: 2 }}>
            <nav aria-label={t('admin.sections')}>
              {SECTIONS.map((section) => {
                const to = `/admin/${section}`;
                const active = location.pathname === to;
                return <NavLink key={section} component={Link} to={to} label={t(`admin.nav.${section}`)} active={active} aria-current={active ? 'page' : undefined} />;
              })}
            </nav>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 10 }}>
            <Outlet />
          </Grid.Col>
        </Grid>
      </Stack>
    </Container>
  );
}

/** `/admin/*`: the platform's admin pages (users, every event), for platform admins only. */
export function AdminLayout() {
  return (
    <RequireSignIn>
      <Shell />
    </RequireSignIn>
  );
}
