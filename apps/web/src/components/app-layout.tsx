import { Anchor, AppShell, Button, Group, Menu, Text } from '@mantine/core';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useNavigate } from 'react-router';
import { useMe, useSignOut, useSignedIn } from '../features/auth/auth.queries';
import { useMyJudging } from '../features/judging/judging.queries';
import { ColorSchemeToggle } from './color-scheme-toggle';
import { LanguagePicker } from './language-picker';
import { PageLoader } from './page-loader';

function AccountArea() {
  const { t } = useTranslation();
  const signedIn = useSignedIn();
  const me = useMe();
  // Judges (of any hackathon) get their panel in the menu; nobody else sees the entry.
  const judging = useMyJudging();
  const signOut = useSignOut();
  const navigate = useNavigate();
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
  return (
    <Menu position="bottom-end">
      <Menu.Target>
        {/* The visible name is part of the accessible one (axe: label-content-name-mismatch). */}
        <Button variant="default" size="xs" aria-label={me.data ? `${t('nav.account')}: ${me.data.displayName}` : t('nav.account')}>
          {me.data?.displayName ?? t('nav.account')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item component={Link} to="/profile">
          {t('nav.profile')}
        </Menu.Item>
        {judging.data && judging.data.length > 0 && (
          <Menu.Item component={Link} to="/judging">
            {t('nav.judging')}
          </Menu.Item>
        )}
        {me.data?.role === 'admin' && (
          <Menu.Item component={Link} to="/admin/users">
            {t('nav.admin')}
          </Menu.Item>
        )}
        <Menu.Item
          onClick={() => {
            signOut();
            void navigate('/sign-in');
          }}
        >
          {t('nav.signOut')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

export function AppLayout() {
  const { t } = useTranslation();
  return (
    <AppShell header={{ height: 56 }} padding="md">
      <AppShell.Header>
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
      </AppShell.Header>
      <AppShell.Main>
        <Suspense fallback={<PageLoader />}>
          <Outlet />
        </Suspense>
        <Text size="xs" c="dimmed" ta="center" mt="xl" component="footer">
          {t('footer.timezone', { zone: Intl.DateTimeFormat().resolvedOptions().timeZone })}
        </Text>
      </AppShell.Main>
    </AppShell>
  );
}
