import { Alert, Anchor, Button, Card, Container, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client';
import { useSignedIn } from '../auth/auth.queries';
import '../console/hackathon-staff.i18n';
import { useClaimInvitation } from '../console/hackathon-staff.queries';

/**
 * The link an organiser passes to an invited judge (/judging/invitations/claim?event=…&code=…): signed in with the
 * invited email, one click makes them a judge; signed out, sign-up or sign-in first and back here.
 */
export function ClaimInvitationPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const location = useLocation();
  const signedIn = useSignedIn();
  const claim = useClaimInvitation();
  const slug = params.get('event') ?? '';
  const code = params.get('code') ?? '';
  const here = encodeURIComponent(location.pathname + location.search);
  const status = (claim.error as ApiError | null)?.statusCode;
  return (
    <Container size="sm" py="lg">
      <Stack>
        <Title order={1}>{t('hackstaff.claim.title')}</Title>
        <Card withBorder>
          {!slug || !code ? (
            <Alert color="red" role="alert">
              {t('hackstaff.claim.invalid')}
            </Alert>
          ) : !signedIn ? (
            <Stack>
              <Text>{t('hackstaff.claim.signInFirst')}</Text>
              <Group>
                <Button component={Link} to={`/sign-up?next=${here}`}>
                  {t('hackstaff.claim.signUp')}
                </Button>
                <Button component={Link} to={`/sign-in?next=${here}`} variant="default">
                  {t('hackstaff.claim.signIn')}
                </Button>
              </Group>
            </Stack>
          ) : claim.isSuccess ? (
            <Stack>
              <Alert color="green" role="status">
                {t('hackstaff.claim.done')}
              </Alert>
              <Anchor component={Link} to="/judging">
                {t('hackstaff.claim.openJudging')}
              </Anchor>
            </Stack>
          ) : (
            <Stack>
              <Text>{t('hackstaff.claim.explain')}</Text>
              {claim.isError && (
                <Alert color="red" role="alert">
                  {status === 404 ? t('hackstaff.claim.invalid') : status === 403 ? t('hackstaff.claim.otherEmail') : t('errors.loadFailed')}
                </Alert>
              )}
              <Button onClick={() => claim.mutate({ slug, code })} loading={claim.isPending} style={{ alignSelf: 'flex-start' }}>
                {t('hackstaff.claim.button')}
              </Button>
            </Stack>
          )}
        </Card>
      </Stack>
    </Container>
  );
}
