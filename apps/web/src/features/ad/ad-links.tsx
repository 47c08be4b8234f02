import { Button } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSignedIn } from '../auth/auth.queries';
import type { ArenaEvent } from '../events/events.queries';
import { useIsAdOrganiser } from './ad.queries';

/** The event page's way into an attack-defence game: the team's page for players, the game's setup for organisers. */
export function AdLinks({ event }: { event: ArenaEvent }) {
  const { t } = useTranslation();
  const signedIn = useSignedIn();
  const organiser = useIsAdOrganiser(event.slug, signedIn);
  const base = `/events/${encodeURIComponent(event.slug)}`;
  if (!signedIn) return null;
  return (
    <>
      <Button component={Link} to={`${base}/attack`} mt="sm" mr="xs">
        {t('ad.team.open')}
      </Button>
      {organiser.data && (
        <Button component={Link} to={`${base}/ad-setup`} mt="sm" mr="xs" variant="outline">
          {t('ad.organiser.open')}
        </Button>
      )}
    </>
  );
}
