import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';

import { apiErrorOf, useDeclareConflict } from './judging.queries';

/** "Declare a conflict": after a confirmation, the API records the conflict and ends the judge's assignment. */
export function RecusalButton({ slug, teamId, title }: { slug: string; teamId: string; title: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const declare = useDeclareConflict(slug);
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  // mutateAsync, not mutate's callbacks: those are dropped when the refetched assignments unmount this button first.
  const confirm = () =>
    declare
      .mutateAsync({ teamId, reason: reason.trim() })
      .then(() => navigate('/judging', { state: { recusedFrom: title } }))
      .catch(() => undefined);
  return (
    <>
      <Button variant="outline" color="red" onClick={() => setOpen(true)}>
        {t('judging.recusal.button')}
      </Button>
      <Modal opened={open} onClose={() => setOpen(false)} title={t('judging.recusal.button')} centered closeButtonProps={{ 'aria-label': t('teams.cancel') }}>
        <Stack gap="sm">
          <Text>{t('judging.recusal.message', { title })}</Text>
          <Textarea label={t('judging.recusal.reason')} value={reason} onChange={(event) => setReason(event.currentTarget.value)} maxLength={1000} autosize minRows={2} />
          {declare.isError && (
            <Alert color="red" role="alert">
              {apiErrorOf(declare.error).code === 'judging-closed' ? t('judging.rubric.closed') : t('errors.loadFailed')}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setOpen(false)}>
              {t('teams.cancel')}
            </Button>
            <Button color="red" onClick={() => void confirm()} loading={declare.isPending}>
              {t('judging.recusal.confirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
