import { Alert, Anchor, Container, Grid, NavLink, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useOutletContext, useParams } from 'react-router';
import { PageLoader } from '../../components/page-loader';
import { RequireSignIn } from '../auth/require-sign-in';
import { ArenaEvent, useEvent } from '../events/events.queries';
import { useMyEventRoles } from './console.queries';
import './hackathon-console.i18n';
import './ops.i18n';

// The console's sections built so far; the rest of the organisers' work is API-only for now (README, "Organisers' console").
const SECTIONS = ['registrations', 'challenges', 'tasks', 'settings'] as const;
// Sections that only some kinds of event have.
const ONLY_FOR: Partial<Record<(typeof SECTIONS)[number], ArenaEvent['kind'][]>> = { challenges: ['ctf'], tasks: ['ai'] };
// Running the contest (labels in the consoleOps catalogue, loaded with this chunk); some only for some kinds of event.
const OPS_SECTIONS = ['teams', 'announcements', 'board', 'awards', 'attempts'] as const;
const OPS_KINDS: Partial<Record<(typeof OPS_SECTIONS)[number], ArenaEvent['kind'][]>> = { board: ['ctf', 'ad'], awards: ['ctf'], attempts: ['ctf'] };
// Hackathon events only; their labels are in the hackcon catalogue (loaded with this chunk).
const HACKATHON_SECTIONS = ['hackathon-setup', 'hackathon-judges', 'hackathon-assignments', 'hackathon-progress', 'hackathon-results'] as const;

/** The event, for the console's pages (they render inside the shell, which checked the caller may organise it). */
export const useConsoleEvent = () => useOutletContext<ArenaEvent>();

function Shell() {
  const { t } = useTranslation();
  const { slug = '' } = useParams();
  const location = useLocation();
  const event = useEvent(slug);
  const roles = useMyEventRoles(slug);
  if (event.isPending || roles.isPending) return <PageLoader />;
  if (event.isError || roles.isError) {
    const notFound = (event.error as { statusCode?: number } | null)?.statusCode === 404;
    return (
      <Container size="md">
        <Alert color="red" role="alert">
          {notFound ? t('event.notFound') : t('errors.loadFailed')}
        </Alert>
      </Container>
    );
  }
  const base = `/events/${encodeURIComponent(event.data.slug)}`;
  // The API refuses a non-organiser anyway; this says so instead of showing a console that cannot load.
  if (!roles.data.organiser) {
    return (
      <Container size="md">
        <Stack>
          <Title order={1}>{t('console.title')}</Title>
          <Alert color="red" role="alert" title={t('console.notAllowedTitle')}>
            {t('console.notAllowed', { title: event.data.title })}
          </Alert>
          <Anchor component={Link} to={base}>
            {t('console.backToEvent')}
          </Anchor>
        </Stack>
      </Container>
    );
  }
  return (
    <Container size="xl">
      <Stack gap="md">
        <div>
          <Text c="dimmed" size="sm">
            {t('console.title')}
          </Text>
          <Title order={1}>{event.data.title}</Title>
          <Anchor component={Link} to={base} size="sm">
            {t('console.backToEvent')}
          </Anchor>
        </div>
        <Grid>
          <Grid.Col span={{ base: 12, md: 3 }}>
            <nav aria-label={t('console.sections')}>
              {SECTIONS.filter((section) => ONLY_FOR[section]?.includes(event.data.kind) ?? true).map((section) => {
                const to = `${base}/manage/${section}`;
                // A section's own pages (a challenge's editor) keep it marked.
                const active = location.pathname === to || location.pathname.startsWith(`${to}/`);
                return <NavLink key={section} component={Link} to={to} label={t(`console.nav.${section}`)} active={active} aria-current={active ? 'page' : undefined} />;
              })}
              {OPS_SECTIONS.filter((section) => OPS_KINDS[section]?.includes(event.data.kind) ?? true).map((section) => {
                const to = `${base}/manage/${section}`;
                const active = location.pathname === to;
                return <NavLink key={section} component={Link} to={to} label={t(`consoleOps.nav.${section}`)} active={active} aria-current={active ? 'page' : undefined} />;
              })}
              {event.data.kind === 'hackathon' &&
                HACKATHON_SECTIONS.map((section) => {
                  const to = `${base}/manage/${section}`;
                  const active = location.pathname === to;
                  return <NavLink key={section} component={Link} to={to} label={t(`hackcon.nav.${section}`)} active={active} aria-current={active ? 'page' : undefined} />;
                })}
            </nav>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 9 }}>
            <Outlet context={event.data} />
          </Grid.Col>
        </Grid>
      </Stack>
    </Container>
  );
}

/** `/events/<slug>/manage/*`: the organisers' console of one event, for its organisers and the platform's admins. */
export function ConsoleLayout() {
  return (
    <RequireSignIn>
      <Shell />
    </RequireSignIn>
  );
}
