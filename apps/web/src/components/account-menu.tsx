import { Button, Menu } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useMe, useSignOut } from '../features/auth/auth.queries';
import { useMyJudging } from '../features/judging/judging.queries';

/** The signed-in viewer's menu (profile, judging, admin, sign out): its own chunk, with the popover code it needs. */
export function AccountMenu({ label, name }: { label: string; name: string }) {
  const { t } = useTranslation();
  const me = useMe();
  // Judges (of any hackathon) get their panel in the menu; nobody else sees the entry.
  const judging = useMyJudging();
  const signOut = useSignOut();
  const navigate = useNavigate();
  return (
    <Menu position="bottom-end">
      <Menu.Target>
        <Button variant="default" size="xs" aria-label={label}>
          {name}
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
