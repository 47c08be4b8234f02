import './ctf-console.i18n';
import { Alert, Anchor, Button, Group, Modal, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { PageLoader } from '../../../components/page-loader';
import { useChallenges } from '../../ctf/challenges.queries';
import { useConsoleEvent } from '../console.layout';
import { ChallengeFilesPanel } from './challenge-files.panel';
import { ChallengeForm } from './challenge.form';
import { ChallengeDetail, useChallengeDetail, useDeleteChallenge, useSaveChallenge } from './ctf-console.queries';

const listPath = (slug: string) => `/events/${encodeURIComponent(slug)}/manage/challenges`;

function DeleteChallenge({ slug, challenge }: { slug: string; challenge: ChallengeDetail }) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const remove = useDeleteChallenge(slug, challenge.id);
  const navigate = useNavigate();
  return (
    <>
      <Button variant="outline" color="red" onClick={() => setConfirming(true)}>
        {t('ctfConsole.editor.delete')}
      </Button>
      <Modal
        opened={confirming}
        onClose={() => setConfirming(false)}
        title={t('ctfConsole.editor.delete')}
        centered
        closeButtonProps={{ 'aria-label': t('ctfConsole.editor.cancel') }}
      >
        <Text mb="md">{t('ctfConsole.editor.deleteConfirm', { name: challenge.name, solves: challenge.solves })}</Text>
        {remove.isError && (
          <Alert color="red" role="alert" mb="md">
            {t('ctfConsole.editor.deleteFailed')}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={() => setConfirming(false)}>
            {t('ctfConsole.editor.cancel')}
          </Button>
          <Button color="red" loading={remove.isPending} onClick={() => remove.mutate(undefined, { onSuccess: () => void navigate(listPath(slug), { replace: true }) })}>
            {t('ctfConsole.editor.deleteButton')}
          </Button>
        </Group>
      </Modal>
    </>
  );
}

/** `/events/<slug>/manage/challenges/new` and `…/challenges/<id>`: the challenge editor. */
export function ChallengeEditorPage() {
  const { challengeId } = useParams();
  // A page per challenge: the router keeps the element when only the address changes (new → the created one).
  return <ChallengeEditor key={challengeId ?? 'new'} challengeId={challengeId} />;
}

function ChallengeEditor({ challengeId }: { challengeId: string | undefined }) {
  const { t } = useTranslation();
  const event = useConsoleEvent();
  const location = useLocation();
  const navigate = useNavigate();
  const detail = useChallengeDetail(event.slug, challengeId);
  const list = useChallenges(event.slug);
  const save = useSaveChallenge(event.slug, challengeId);
  const created = (location.state as { created?: boolean } | null)?.created === true;

  if ((challengeId && detail.isPending) || list.isPending) return <PageLoader />;
  if ((challengeId && detail.isError) || list.isError) {
    const notFound = (detail.error as { statusCode?: number } | null)?.statusCode === 404;
    return (
      <Alert color="red" role="alert">
        {notFound ? t('ctfConsole.editor.notFound') : t('errors.loadFailed')}
      </Alert>
    );
  }
  const challenge = detail.data;
  const others = list.data.filter((other) => other.id !== challengeId).map((other) => other.name);
  return (
    <Stack>
      <Anchor component={Link} to={listPath(event.slug)} size="sm">
        {t('ctfConsole.editor.back')}
      </Anchor>
      <Group justify="space-between" align="flex-start">
        {/* The name is the organiser's text: React renders it as text. */}
        <Title order={2} style={{ overflowWrap: 'anywhere' }}>
          {challenge ? t('ctfConsole.editor.editTitle', { name: challenge.name }) : t('ctfConsole.editor.newTitle')}
        </Title>
        {challenge && <DeleteChallenge slug={event.slug} challenge={challenge} />}
      </Group>
      {created && !save.isSuccess && (
        <Alert color="green" role="status">
          {t('ctfConsole.editor.created')}
        </Alert>
      )}
      <ChallengeForm
        key={challenge?.id ?? 'new'}
        slug={event.slug}
        challenge={challenge}
        others={others}
        pending={save.isPending}
        error={save.error}
        saved={save.isSuccess}
        onSubmit={(body) =>
          save.mutate(body, {
            // A new challenge continues on its own page, where files can be attached.
            onSuccess: (saved) => {
              if (!challengeId) void navigate(`${listPath(event.slug)}/${saved.id}`, { replace: true, state: { created: true } });
            },
          })
        }
      />
      {challenge ? (
        <ChallengeFilesPanel slug={event.slug} challengeId={challenge.id} files={challenge.files} />
      ) : (
        <Text size="sm" c="dimmed">
          {t('ctfConsole.files.afterCreate')}
        </Text>
      )}
    </Stack>
  );
}
