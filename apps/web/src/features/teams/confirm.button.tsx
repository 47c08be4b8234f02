import { Button, ButtonProps, Group, Modal, Text } from '@mantine/core';
import { ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';

interface Props extends ButtonProps {
  /** The button's accessible name and the dialog's title. */
  label: string;
  /** What will happen, in the dialog. */
  message: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
}

/** A button whose action waits for a confirmation dialog (focus moves into it; Escape cancels). */
export function ConfirmButton({ label, message, confirmLabel, onConfirm, ...button }: Props) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button {...button} onClick={() => setOpen(true)}>
        {label}
      </Button>
      <Modal opened={open} onClose={() => setOpen(false)} title={label} centered closeButtonProps={{ 'aria-label': t('teams.cancel') }}>
        <Text mb="md">{message}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => setOpen(false)}>
            {t('teams.cancel')}
          </Button>
          <Button
            color={button.color ?? 'red'}
            onClick={() => {
              setOpen(false);
              onConfirm();
            }}
          >
            {confirmLabel}
          </Button>
        </Group>
      </Modal>
    </>
  );
}
