import { Center, Loader } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export function PageLoader() {
  const { t } = useTranslation();
  return (
    <Center py="xl">
      {/* A span with a label needs a role (axe: aria-prohibited-attr); a spinner is an indeterminate progress bar. */}
      <Loader role="progressbar" aria-label={t('common.loading')} />
    </Center>
  );
}
