import { Anchor, Button, Group, Text } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet } from 'react-router';
import { useMe, useSignedIn } from '../features/auth/auth.queries';
import classes from './app-layout.module.css';
import { ColorSchemeToggle } from './color-scheme-toggle';
import { LanguagePicker } from './language-picker';
import { PageLoader } from './page-loader';

// The menu's popover (floating-ui, focus trap, transitions) is not part of the first load: a board's first rows wait
// for none of it.
const AccountMenu = lazy(() => import('./account-menu').then((m) => ({ default: m.AccountMenu })));

function AccountArea() {
  const { t } = useTranslation();
  const signedIn = useSignedIn();
  const me = useMe();
  if (!signedIn) {
    return (
      <Group gap="xs">
        <Button component={Link} to="/sign-in" variant="subtle" size="xs">
          {t('nav.signIn')}
        </Button>
        <Button component={Link} to="/sign-up" size="xs">
          {t('nav.signUp')}
        </Button>
      </Group>
    );
  }
  // The visible name is part of the accessible one (axe: label-content-name-mismatch).
  const label = me.data ? `${t('nav.account')}: ${me.data.displayName}` : t('nav.account');
  const name = me.data?.displayName ?? t('nav.account');
  return (
    // Until the menu's code is in, the same button, not yet usable.
    <Suspense
      fallback={
        <Button variant="default" size="xs" aria-label={label} disabled>
          {name}
        </Button>
      }
    >
      <AccountMenu label={label} name={name} />
    </Suspense>
  );
}

export function AppLayout() {
  const { t } = useTranslation();
  return (
    <>
      <header className={classes.header}>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="md" wrap="nowrap">
            <Anchor component={Link} to="/events" fw={700} size="lg" underline="never">
              Arena
            </Anchor>
            <nav aria-label={t('nav.main')}>
              <Anchor component={Link} to="/events">
                {t('nav.events')}
              </Anchor>
            </nav>
          </Group>
          <Group gap="xs" wrap="nowrap">
            <LanguagePicker />
            <ColorSchemeToggle />
            <AccountArea />
          </Group>
        </Group>
      </header>
      <main className={classes.main}>
        <Suspense fallback={<PageLoader />}>
          <Outlet />
        </Suspense>
        <Text size="xs" c="dimmed" ta="center" mt="xl" component="footer">
          {t('footer.timezone', { zone: Intl.DateTimeFormat().resolvedOptions().timeZone })}
        </Text>
      </main>
    </>
  );
}
